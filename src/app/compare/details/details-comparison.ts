import { Task } from '../../core/api/models';
import { ComparisonSection, alignSection } from '../side-by-side/comparison-model';
import { detailsSections } from './details-sections';

export interface DetailsComparisonRequest {
  requestId: number;
  tasks: (Task | null)[];
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
    worker.postMessage({ requestId, tasks, rawConfig } satisfies DetailsComparisonRequest);
  }

  /** Drops the answer of any comparison in flight. */
  cancel(): void {
    this.lastRequest++;
  }

  destroy(): void {
    this.worker?.terminate();
    this.worker = null;
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
