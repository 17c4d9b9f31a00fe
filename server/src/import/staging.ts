import { SeriesWriter, stableId, type ImportSummary, type ImportTarget } from './writer';

/**
 * How an imported run lands: nothing half-written, yet other writers (the server's SDK ingest)
 * are not held up by a large run. Its rows (points, plots, samples) are written in short
 * transactions under a staging task id no reader asks for (`stage`), then handed to the task in
 * one short transaction (`publish`). A failed or killed import leaves only staged rows, which
 * are discarded (at the failure, or when the run is imported next: `run`).
 */
export class RunStaging {
  /** The task id the run's rows are written under until they are published. */
  readonly stagingId: string;
  /** Whether staged rows may exist (left by a killed import before this object's first call). */
  private staged = true;

  constructor(
    readonly taskId: string,
    source: string,
  ) {
    this.stagingId = stableId(`${source}-staging`, taskId);
  }

  /**
   * Runs one import of the run (which stages and then publishes) after discarding what an
   * unfinished import left; when it throws, what it staged is discarded and the error rethrown.
   */
  run<T>(target: ImportTarget, importRun: () => T): T {
    try {
      this.discard(target);
      return importRun();
    } catch (error) {
      this.discard(target);
      throw error;
    }
  }

  /** A writer of the task's scalar series whose points are written under the staging id. */
  seriesWriter(target: ImportTarget, summary: ImportSummary): SeriesWriter {
    return new SeriesWriter(target, this.taskId, summary, this.stagingId);
  }

  /** Writes under the staging id, in one short transaction. */
  stage(target: ImportTarget, write: () => void): void {
    this.staged = true;
    target.repos.transaction(write);
  }

  /** Hands everything staged to the task, then runs `write` (the task row and the rest), in one short transaction. */
  publish<T>(target: ImportTarget, write: () => T): T {
    const result = target.repos.transaction(() => {
      target.repos.scalars.moveSeries(this.stagingId, this.taskId);
      target.repos.events.moveTask(this.stagingId, this.taskId);
      return write();
    });
    this.staged = false;
    return result;
  }

  /** Removes what an unfinished import staged. */
  private discard(target: ImportTarget): void {
    if (!this.staged) return;
    this.staged = false;
    target.repos.transaction(() => {
      target.repos.scalars.deleteTask(this.stagingId);
      target.repos.events.deleteTask(this.stagingId);
    });
  }
}
