import { Injectable, OnDestroy, inject, signal } from '@angular/core';
import { Observable, Subject, catchError, from, map, mergeMap, of, switchMap, takeUntil, throwError } from 'rxjs';
import { Task } from '../../core/api/models';
import { TasksApi } from '../../core/api/tasks-api';
import { PlainRequests } from '../../core/auth/plain-requests';
import { ComparisonSection } from '../side-by-side/comparison-model';
import { DETAILS_CHUNK, DETAILS_REQUESTS_IN_FLIGHT, TEXT_FIELDS, chunks } from '../../state/task-details/task-details-chunks';
import { DetailsWorkerAnswer, DetailsWorkerRequest, TaskCache, compareDetails, parseTexts } from './details-comparison';
import { ModelsById } from './details-sections';
import { errorMessage } from '../../core/error-message';

const withIds = (set: ReadonlySet<string>, ids: readonly string[]) => new Set([...set, ...ids]);
const withoutIds = (set: ReadonlySet<string>, ids: readonly string[]) => new Set([...set].filter((id) => !ids.includes(id)));

/**
 * The Details tab's long texts and the comparisons that need them. They live in a Web Worker,
 * which fetches each answer of long texts itself (with the session's token) and parses and keeps
 * it, so tens of megabytes of texts never reach the page's thread. When the worker gets no answer
 * or a 401 (the session expired), the answer is asked again through the app's HTTP client (which
 * shows the sign-in form, and says what went wrong) and its bytes are handed to the worker without
 * a copy; a server's error message is shown as it is. Where workers are missing, the same happens
 * on this thread. Provided with the Details route: the texts stay while the user looks at other
 * tabs. Loads are started by `state/details-texts.effects.ts`, never by the tab.
 */
@Injectable()
export class DetailsTexts implements OnDestroy {
  private readonly tasksApi = inject(TasksApi);
  private readonly plainRequests = inject(PlainRequests);
  private readonly destroyed = new Subject<void>();
  /** undefined until first needed; null where workers are missing. */
  private worker: Worker | null | undefined;
  private readonly local = new TaskCache();
  /** The task objects the worker holds, by id. */
  private readonly sent = new Map<string, Task>();
  private readonly textsWaiting = new Map<number, (error: string | null, askAgain?: boolean) => void>();
  private nextTextsId = 1;
  private lastRequest = 0;
  private answer: ((sections: ComparisonSection[]) => void) | null = null;
  private fail: ((message: string) => void) | null = null;

  /** Tasks whose long texts are kept, and tasks whose texts are being fetched. */
  readonly loaded = signal<ReadonlySet<string>>(new Set());
  readonly loading = signal<ReadonlySet<string>>(new Set());
  /** The last failure to fetch texts (cleared by the next `load`). */
  readonly error = signal<string | null>(null);

  /**
   * Fetches the long texts of those of `ids` neither kept nor being fetched; after a failure, only
   * when `retry` (a person asked again).
   */
  loadMissing(ids: readonly string[], retry = false): void {
    if (this.error() && !retry) return;
    const loaded = this.loaded();
    const loading = this.loading();
    this.load(ids.filter((id) => !loaded.has(id) && !loading.has(id)));
  }

  /** Fetches the long texts of `ids` in chunks, a few requests in flight, each kept as it comes. */
  load(ids: string[]): void {
    if (!ids.length) return;
    this.error.set(null);
    this.loading.update((set) => withIds(set, ids));
    from(chunks(ids, DETAILS_CHUNK))
      .pipe(
        mergeMap(
          (chunk) =>
            this.fetchAndKeep(chunk).pipe(
              map(() => ({ chunk, error: null as string | null })),
              catchError((err: unknown) => of({ chunk, error: errorMessage(err) })),
            ),
          DETAILS_REQUESTS_IN_FLIGHT,
        ),
        takeUntil(this.destroyed),
      )
      .subscribe(({ chunk, error }) => {
        this.loading.update((set) => withoutIds(set, chunk));
        if (error) this.error.set(error);
        else this.loaded.update((set) => withIds(set, chunk));
      });
  }

  /**
   * Compares the tasks; while `textsPending`, without their long texts (quick, on this thread),
   * otherwise with the texts kept (in the worker). A new request supersedes one in flight.
   */
  compare(
    tasks: (Task | null)[],
    rawConfig: boolean,
    textsPending: boolean,
    done: (sections: ComparisonSection[]) => void,
    failed: (message: string) => void,
    models: ModelsById = {},
  ): void {
    const requestId = ++this.lastRequest;
    const worker = textsPending ? null : this.ensureWorker();
    if (!worker) {
      try {
        done(
          textsPending
            ? compareDetails(tasks, rawConfig, true, models)
            : compareDetails(
                this.local.resolve({ ids: tasks.map((t) => t?.id ?? null), fresh: tasks.filter((t): t is Task => !!t) }),
                rawConfig,
                false,
                models,
              ),
        );
      } catch (err) {
        failed(errorMessage(err));
      }
      if (!textsPending) this.forgetOthers(tasks);
      return;
    }
    this.answer = done;
    this.fail = failed;
    const ids = tasks.map((t) => t?.id ?? null);
    const fresh = tasks.filter((t): t is Task => t !== null && this.sent.get(t.id) !== t);
    for (const task of fresh) this.sent.set(task.id, task);
    for (const id of this.sent.keys()) if (!ids.includes(id)) this.sent.delete(id);
    this.post({ kind: 'compare', requestId, ids, fresh, rawConfig, models });
    this.forgetOthers(tasks);
  }

  /** Drops the answer of any comparison in flight. */
  cancel(): void {
    this.lastRequest++;
  }

  ngOnDestroy(): void {
    this.destroyed.next();
    this.worker?.terminate();
  }

  /** The worker drops the texts of tasks no longer compared when it compares: so does `loaded`. */
  private forgetOthers(tasks: (Task | null)[]): void {
    const ids = new Set(tasks.map((t) => t?.id));
    const gone = [...this.loaded()].filter((id) => !ids.has(id));
    if (gone.length) this.loaded.update((set) => withoutIds(set, gone));
  }

  /** Fetches one chunk's texts (in the worker, else through the HTTP client) and keeps them. */
  private fetchAndKeep(ids: string[]): Observable<void> {
    const viaClient = () => this.tasksApi.getByIdsBytes(ids, TEXT_FIELDS).pipe(switchMap((bytes) => this.keep(ids, bytes)));
    if (!this.ensureWorker()) return viaClient();
    const request = this.plainRequests.forCall('tasks.get_all_ex', this.tasksApi.byIdsQuery(ids, TEXT_FIELDS));
    return this.inWorker((textsId) => ({ kind: 'fetchTexts', textsId, ids, request })).pipe(
      catchError((err: unknown) => ((err as { askAgain?: boolean }).askAgain ? viaClient() : throwError(() => err))),
    );
  }

  /** Hands one answer's bytes to where comparisons run; completes once they are parsed and kept. */
  private keep(ids: string[], bytes: ArrayBuffer): Observable<void> {
    if (!this.ensureWorker()) {
      return new Observable<void>((subscriber) => {
        this.local.addTexts(parseTexts(ids, bytes)); // a failure to parse is reported like a failed request
        subscriber.next();
        subscriber.complete();
      });
    }
    return this.inWorker((textsId) => ({ kind: 'texts', textsId, ids, bytes }), [bytes]);
  }

  /** Sends a texts request to the worker; completes when it says they are kept, fails with its message. */
  private inWorker(request: (textsId: number) => DetailsWorkerRequest, transfer: Transferable[] = []): Observable<void> {
    return new Observable<void>((subscriber) => {
      const textsId = this.nextTextsId++;
      this.textsWaiting.set(textsId, (error, askAgain) => {
        if (error) subscriber.error(Object.assign(new Error(error), { askAgain }));
        else {
          subscriber.next();
          subscriber.complete();
        }
      });
      this.post(request(textsId), transfer);
    });
  }

  private post(request: DetailsWorkerRequest, transfer: Transferable[] = []): void {
    this.worker!.postMessage(request, transfer);
  }

  private ensureWorker(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      this.worker =
        typeof Worker === 'undefined' ? null : new Worker(new URL('./details-comparison.worker', import.meta.url), { type: 'module' });
    } catch {
      this.worker = null;
    }
    if (this.worker) {
      this.worker.onmessage = ({ data }: MessageEvent<DetailsWorkerAnswer>) => {
        if (data.kind === 'texts') {
          this.textsWaiting.get(data.textsId)?.(data.error, data.askAgain);
          this.textsWaiting.delete(data.textsId);
        } else if (data.requestId === this.lastRequest) {
          this.answer?.(data.sections);
        }
      };
      this.worker.onerror = (event) => {
        event.preventDefault();
        const message = event.message || 'The comparison failed';
        for (const waiting of this.textsWaiting.values()) waiting(message);
        this.textsWaiting.clear();
        this.fail?.(message);
      };
    }
    return this.worker;
  }
}
