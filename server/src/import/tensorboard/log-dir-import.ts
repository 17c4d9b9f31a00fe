import { basename, resolve } from 'node:path';
import { ensureProject, iso, type ImportSummary, type ImportTarget } from '../writer';
import { findRuns, modifiedWithin, runBytes } from './log-dir';

const RECENT_MS = 60_000;
import { TensorBoardRun } from './run-import';

export interface LogDirPassOptions {
  /** While watching: a run that got records is `in_progress`, and an incomplete last record is not a problem yet. */
  watching: boolean;
  onProgress?: (progress: { runsDone: number; runs: number; bytesDone: number; bytes: number }) => void;
}

/**
 * A TensorBoard log dir imported into one project: one task per run directory. Each `pass`
 * imports what appeared since the previous one (new runs, appended records).
 */
export class TensorBoardLogDir {
  readonly logDir: string;
  readonly projectName: string;
  private readonly runs = new Map<string, TensorBoardRun>();
  /** Runs marked in progress while watching, with when they last got records. */
  private readonly active = new Map<string, number>();
  private projectId: string | null = null;
  private passes = 0;

  constructor(
    private readonly target: ImportTarget,
    logDir: string,
    project?: string,
  ) {
    this.logDir = resolve(logDir);
    this.projectName = project || basename(this.logDir);
  }

  get taskIds(): string[] {
    return [...this.runs.values()].map((r) => r.taskId);
  }

  /** Imports new runs and records; returns how many records were read. */
  pass(summary: ImportSummary, options: LogDirPassOptions): number {
    const found = findRuns(this.logDir);
    this.projectId ??= this.target.repos.transaction(() =>
      ensureProject(this.target, this.projectName, `TensorBoard runs of ${this.logDir}`, iso(Date.now())),
    );
    const bytes = found.reduce((n, run) => n + runBytes(run), 0);
    let bytesDone = 0;
    let records = 0;
    const first = this.passes++ === 0;
    found.forEach((files, i) => {
      let run = this.runs.get(files.name);
      if (!run) this.runs.set(files.name, (run = new TensorBoardRun(this.projectName, files)));
      run.files = files;
      const read = run.importNew(this.target, summary, {
        project: this.projectId!,
        logDir: this.logDir,
        // While watching, a run written since the watch began (or within the last minute) is in progress.
        status: options.watching && (!first || modifiedWithin(files, RECENT_MS)) ? 'in_progress' : 'completed',
        reportTails: !options.watching,
        onRecords: (n) => {
          bytesDone += n;
          options.onProgress?.({ runsDone: i, runs: found.length, bytesDone, bytes });
        },
      });
      if (read > 0 && options.watching && (!first || modifiedWithin(files, RECENT_MS))) this.active.set(run.taskId, Date.now());
      records += read;
      options.onProgress?.({ runsDone: i + 1, runs: found.length, bytesDone, bytes });
    });
    return records;
  }

  /** Marks watched runs without records for `idleMs` (all of them when 0) completed. */
  completeIdle(idleMs: number): void {
    const now = Date.now();
    for (const [task, last] of this.active) {
      if (now - last < idleMs) continue;
      this.active.delete(task);
      this.target.repos.transaction(() => {
        const row = this.target.repos.tasks.rows([task], ['last_update'])[0];
        this.target.repos.tasks.update(task, {
          status: 'completed',
          completed: row?.last_update,
          status_changed: iso(now),
          last_change: iso(now),
        });
      });
    }
  }
}
