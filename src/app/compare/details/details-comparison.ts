import { Task } from '../../core/api/models';
import { ComparisonSection, alignSection } from '../side-by-side/comparison-model';
import { withTexts } from '../side-by-side/state/task-details-chunks';
import { detailsSections } from './details-sections';

export interface DetailsComparisonRequest {
  requestId: number;
  /** The compared tasks in order (base first); null for a task not loaded. */
  ids: (string | null)[];
  /** Tasks' fields and long texts the worker has not been sent yet (or whose object changed): the others come from its cache. */
  fresh: Task[];
  freshTexts: Task[];
  rawConfig: boolean;
  /** false: only keep what is sent for a later request (texts sent as they arrive), no answer. */
  compare: boolean;
}

export interface DetailsComparisonResult {
  requestId: number;
  sections: ComparisonSection[];
}

/** The Details comparison (on this thread for small comparisons, or where workers are missing). */
export function compareDetails(tasks: (Task | null)[], rawConfig: boolean, textsPending = false): ComparisonSection[] {
  return detailsSections(tasks, rawConfig, textsPending).map(alignSection);
}

/** Each task with its long texts put in (texts[t] null: the task as it is). */
export function mergeTexts(tasks: (Task | null)[], texts: (Task | null)[]): (Task | null)[] {
  return tasks.map((task, t) => (task && texts[t] ? withTexts(task, texts[t]) : task));
}

/** The buffers of a comparison's cell tables, to hand them to another thread without copying. */
export function transferables(sections: ComparisonSection[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const section of sections) {
    for (const row of section.rows) {
      buffers.add(row.table.values.buffer as ArrayBuffer);
      buffers.add(row.table.changed.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

/** Tasks and texts kept by a worker between requests, so a new base or option does not send the texts again. */
export class TaskCache {
  private readonly tasks = new Map<string, Task>();
  private readonly texts = new Map<string, Task>();

  /** The tasks of a request in order, with their texts, after taking in the fresh ones; drops tasks no longer compared. */
  resolve(request: Pick<DetailsComparisonRequest, 'ids' | 'fresh' | 'freshTexts'>): (Task | null)[] {
    for (const task of request.fresh) this.tasks.set(task.id, task);
    for (const texts of request.freshTexts) this.texts.set(texts.id, texts);
    const wanted = new Set(request.ids);
    for (const map of [this.tasks, this.texts]) for (const id of map.keys()) if (!wanted.has(id)) map.delete(id);
    const tasks = request.ids.map((id) => (id === null ? null : (this.tasks.get(id) ?? null)));
    return mergeTexts(tasks, request.ids.map((id) => (id === null ? null : (this.texts.get(id) ?? null))));
  }
}

/** Roughly how much text a comparison has to diff; above WORKER_THRESHOLD it goes to the worker. */
export function textVolume(tasks: (Task | null)[]): number {
  let chars = 0;
  for (const task of tasks) {
    if (!task) continue;
    chars += (task.script?.diff?.length ?? 0) + (task.script?.requirements?.pip?.length ?? 0) + (task.container?.setup_shell_script?.length ?? 0);
    for (const item of Object.values(task.configuration ?? {})) chars += item.value?.length ?? 0;
  }
  return chars;
}

export const WORKER_THRESHOLD = 200_000;

/**
 * Runs comparisons in a Web Worker, one at a time: a new request supersedes the one in flight
 * (its answer is dropped). Falls back to this thread when workers are not available.
 */
export class DetailsComparer {
  private worker: Worker | null = null;
  private lastRequest = 0;
  /** The task and text objects the worker holds, by id. */
  private readonly sent = new Map<string, Task>();
  private readonly sentTexts = new Map<string, Task>();

  /**
   * Compares the tasks (fields) with their long texts; `texts` null while the texts are still
   * coming: then the comparison leaves them out and is quick, on this thread.
   */
  compare(
    tasks: (Task | null)[],
    texts: (Task | null)[] | null,
    rawConfig: boolean,
    done: (sections: ComparisonSection[]) => void,
    failed: (message: string) => void,
  ): void {
    const requestId = ++this.lastRequest;
    const worker = texts === null || textVolume(texts) < WORKER_THRESHOLD ? null : this.ensureWorker();
    if (!worker) {
      try {
        done(texts === null ? compareDetails(tasks, rawConfig, true) : compareDetails(mergeTexts(tasks, texts), rawConfig));
      } catch (err) {
        failed(err instanceof Error ? err.message : String(err));
      }
      return;
    }
    worker.onmessage = (event: MessageEvent<DetailsComparisonResult>) => {
      if (event.data.requestId === this.lastRequest) done(event.data.sections);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (requestId === this.lastRequest) failed(event.message || 'The comparison failed');
    };
    this.post(worker, requestId, tasks, texts!, rawConfig, true);
  }

  /** Hands long texts to the worker as they arrive (when they are long enough to be compared there). */
  preload(tasks: (Task | null)[], texts: (Task | null)[]): void {
    if (!this.worker && textVolume(texts) < WORKER_THRESHOLD) return;
    const worker = this.ensureWorker();
    if (worker) this.post(worker, 0, tasks, texts, false, false);
  }

  /** Drops the answer of any comparison in flight. */
  cancel(): void {
    this.lastRequest++;
  }

  destroy(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sent.clear();
    this.sentTexts.clear();
  }

  /** Sends a request with the tasks (only when comparing) and texts the worker does not hold yet. */
  private post(worker: Worker, requestId: number, tasks: (Task | null)[], texts: (Task | null)[], rawConfig: boolean, compare: boolean): void {
    const ids = tasks.map((t) => t?.id ?? null);
    const fresh = compare ? unsent(tasks, this.sent) : [];
    const freshTexts = unsent(texts, this.sentTexts);
    for (const map of [this.sent, this.sentTexts]) for (const id of map.keys()) if (!ids.includes(id)) map.delete(id);
    worker.postMessage({ requestId, ids, fresh, freshTexts, rawConfig, compare } satisfies DetailsComparisonRequest);
  }

  private ensureWorker(): Worker | null {
    if (this.worker || typeof Worker === 'undefined') return this.worker;
    try {
      this.worker = new Worker(new URL('./details-comparison.worker', import.meta.url), { type: 'module' });
    } catch {
      this.worker = null;
    }
    return this.worker;
  }
}

/** The objects of `items` not in `sent` (by id and identity), recorded there as sent. */
function unsent(items: (Task | null)[], sent: Map<string, Task>): Task[] {
  const fresh = items.filter((t): t is Task => t !== null && sent.get(t.id) !== t);
  for (const task of fresh) sent.set(task.id, task);
  return fresh;
}
