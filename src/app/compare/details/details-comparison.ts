import { Task } from '../../core/api/models';
import { ComparisonSection, alignSection } from '../side-by-side/comparison-model';
import { detailsSections } from './details-sections';

export interface DetailsComparisonRequest {
  requestId: number;
  /** The compared tasks in order (base first); null for a task not loaded. */
  ids: (string | null)[];
  /** Tasks the worker has not been sent yet (or whose object changed): the others come from its cache. */
  fresh: Task[];
  rawConfig: boolean;
}

export interface DetailsComparisonResult {
  requestId: number;
  sections: ComparisonSection[];
}

/** The Details comparison computed on this thread (small comparisons, or where workers are missing). */
export function compareDetails(tasks: (Task | null)[], rawConfig: boolean): ComparisonSection[] {
  return detailsSections(tasks, rawConfig).map(alignSection);
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

/** Tasks kept by a worker between requests, so a new base or option does not send the texts again. */
export class TaskCache {
  private readonly tasks = new Map<string, Task>();

  /** The tasks of a request in order, after taking in the fresh ones; drops tasks no longer compared. */
  resolve(request: Pick<DetailsComparisonRequest, 'ids' | 'fresh'>): (Task | null)[] {
    for (const task of request.fresh) this.tasks.set(task.id, task);
    const wanted = new Set(request.ids);
    for (const id of this.tasks.keys()) if (!wanted.has(id)) this.tasks.delete(id);
    return request.ids.map((id) => (id === null ? null : (this.tasks.get(id) ?? null)));
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
  /** The task objects the worker holds, by id. */
  private readonly sent = new Map<string, Task>();

  compare(tasks: (Task | null)[], rawConfig: boolean, done: (sections: ComparisonSection[]) => void, failed: (message: string) => void): void {
    const requestId = ++this.lastRequest;
    const worker = textVolume(tasks) < WORKER_THRESHOLD ? null : this.ensureWorker();
    if (!worker) {
      try {
        done(compareDetails(tasks, rawConfig));
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
    const fresh = tasks.filter((t): t is Task => t !== null && this.sent.get(t.id) !== t);
    for (const task of fresh) this.sent.set(task.id, task);
    const ids = tasks.map((t) => t?.id ?? null);
    for (const id of this.sent.keys()) if (!ids.includes(id)) this.sent.delete(id);
    worker.postMessage({ requestId, ids, fresh, rawConfig } satisfies DetailsComparisonRequest);
  }

  /** Drops the answer of any comparison in flight. */
  cancel(): void {
    this.lastRequest++;
  }

  destroy(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sent.clear();
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
