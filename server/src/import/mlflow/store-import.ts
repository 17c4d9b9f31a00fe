import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import type { TaskFields } from '../../db/tasks-repository';
import { RunStaging } from '../staging';
import {
  ensureProject,
  iso,
  metricVariant,
  type SeriesHandle,
  stableId,
  storeFile,
  upsertTask,
  type ImportSummary,
  type ImportTarget,
} from '../writer';
import { listExperiments, metricFilesOf, readMetricLines, readRun, runSignature, type MlflowRun } from './file-store';

/** RunStatus → task status. */
const STATUS: Record<string, string> = {
  RUNNING: 'in_progress',
  SCHEDULED: 'queued',
  FINISHED: 'completed',
  FAILED: 'failed',
  KILLED: 'stopped',
};

/** Artifacts larger than this are listed with their path in the store instead of being copied. */
const MAX_COPIED_BYTES = 64 << 20;

/** Bad lines of a metric file reported one by one; the rest are counted. */
const BAD_LINES_SHOWN = 5;

export interface StorePassOptions {
  /** While watching: the last line of a metric file without its newline yet is read at the next pass. */
  watching?: boolean;
  onProgress?: (p: { runsDone: number; runs: number; bytesDone: number; bytes: number }) => void;
}

/** An artifact file as an earlier pass stored it: its size and time then, where it went, its hash. */
interface StoredArtifact {
  size: number;
  mtimeMs: number;
  uri: string;
  hash: string;
}

/** A run of the store as this importer knows it. */
interface KnownRun {
  /** Its files' sizes and times when it was last imported. */
  signature: string;
  staging: RunStaging;
  /**
   * Metric file → the byte offset it was read up to (what a metric file appends is read from there)
   * and the iteration its last point was given (see `iterationOf`).
   */
  offsets: Map<string, { bytes: number; iteration: number }>;
  /** Artifacts stored by an earlier pass, by path: one whose size and time are the same is not read and stored again. */
  artifacts: Map<string, StoredArtifact>;
}

/**
 * The iteration of a metric line whose step is `step`, after a line given `previous`: its step when
 * the steps rise, else the next one. MLflow logs a value without a step at step 0 and takes a step
 * logged twice, so its metric files hold repeated steps; the scalar store keeps one point per
 * iteration, and this keeps every value, in the order logged (their times stay as logged). Worked
 * out from the start of the file, so reading a file again gives every line the same iteration.
 */
export function iterationOf(step: number, previous: number): number {
  return step > previous ? step : previous + 1;
}

/**
 * An MLflow file store: experiment → project (or all into `--project`), run → task. Each `pass`
 * imports the runs whose folders changed since the previous one; a run lands whole through its
 * RunStaging (its points in short staged transactions, then one that publishes the task).
 */
export class MlflowStore {
  readonly root: string;
  private readonly runs = new Map<string, KnownRun>();
  private readonly projects = new Map<string, string>();

  constructor(
    private readonly target: ImportTarget,
    root: string,
    private readonly project?: string,
  ) {
    this.root = resolve(root);
  }

  get projectName(): string {
    return this.project || 'one per experiment';
  }

  /** Imports the runs that changed; returns how many were imported. */
  pass(summary: ImportSummary, options: StorePassOptions): number {
    const experiments = listExperiments(this.root);
    const runs = experiments.reduce((n, e) => n + (e.deleted ? 0 : e.runDirs.length), 0);
    const changed: { dir: string; signature: string; experiment: (typeof experiments)[number] }[] = [];
    for (const experiment of experiments) {
      if (experiment.deleted) {
        summary.skip('deleted experiment', 1);
        continue;
      }
      for (const dir of experiment.runDirs) {
        const signature = runSignature(dir);
        if (this.runs.get(dir)?.signature !== signature) changed.push({ dir, signature, experiment });
      }
    }
    let done = runs - changed.length;
    let imported = 0;
    const bytes = changed.reduce((n, c) => n + this.unreadBytes(c.dir), 0);
    let bytesDone = 0;
    const progress = () => options.onProgress?.({ runsDone: done, runs, bytesDone, bytes });
    for (const { dir, signature, experiment } of changed) {
      const run = readRun(dir);
      const known = this.known(dir, run.runId);
      if (run.deleted) {
        summary.skip('deleted run');
      } else if (run.experimentId !== null && run.experimentId !== experiment.id) {
        // MLflow's file store ignores such a run too ("Wrong experiment ID recorded for run").
        summary.skip("run whose meta.yaml names another experiment than its folder's");
      } else {
        const project = this.projectId(this.project || experiment.name, experiment.id);
        const before = bytesDone;
        this.importRun(run, known, project, summary, !options.watching, (n) => {
          bytesDone = before + n;
          progress();
        });
        imported++;
      }
      known.signature = signature;
      done++;
      progress();
    }
    return imported;
  }

  /** Runs keep the status their meta.yaml gives. */
  completeIdle(): void {}

  private known(dir: string, runId: string): KnownRun {
    let known = this.runs.get(dir);
    if (!known) {
      const staging = new RunStaging(stableId('mlflow', runId), 'mlflow');
      this.runs.set(dir, (known = { signature: '', staging, offsets: new Map(), artifacts: new Map() }));
    }
    return known;
  }

  /** Bytes of a run's metric files not read yet. */
  private unreadBytes(dir: string): number {
    const offsets = this.runs.get(dir)?.offsets;
    return metricFilesOf(dir).reduce((n, f) => n + Math.max(0, f.size - (offsets?.get(f.path)?.bytes ?? 0)), 0);
  }

  private projectId(name: string, experimentId: string): string {
    let id = this.projects.get(name);
    if (!id) {
      id = this.target.repos.transaction(() =>
        ensureProject(this.target, name, `MLflow experiment ${experimentId} of ${this.root}`, iso(Date.now())),
      );
      this.projects.set(name, id);
    }
    return id;
  }

  private importRun(
    run: MlflowRun,
    known: KnownRun,
    project: string,
    summary: ImportSummary,
    final: boolean,
    onBytes: (bytes: number) => void,
  ): void {
    const saved = new Map(known.offsets);
    try {
      known.staging.run(this.target, () => this.stageAndPublish(run, known, project, summary, final, onBytes));
    } catch (error) {
      // Nothing was published: read the same lines again next time.
      known.offsets.clear();
      for (const [path, offset] of saved) known.offsets.set(path, offset);
      throw error;
    }
  }

  private stageAndPublish(
    run: MlflowRun,
    known: KnownRun,
    project: string,
    summary: ImportSummary,
    final: boolean,
    onBytes: (bytes: number) => void,
  ): void {
    const { staging } = known;
    const target = this.target;
    const task = staging.taskId;
    const writer = staging.seriesWriter(target, summary);
    const commit = () => {
      if (writer.buffered) staging.stage(target, () => writer.flush());
    };
    let lastMetricTs = 0;
    let bytesBefore = 0;
    for (const file of run.metricFiles) {
      const { metric, variant } = metricVariant(file.key);
      let series: SeriesHandle | null = null;
      let bad = 0;
      const kept = known.offsets.get(file.path) ?? { bytes: 0, iteration: -Infinity };
      // A file shorter than what was read of it was written anew: read it whole.
      const from = kept.bytes <= file.size ? kept.bytes : 0;
      let iteration = from ? kept.iteration : -Infinity;
      const to = readMetricLines(file.path, {
        from,
        final,
        point: (timestamp, value, step) => {
          series ??= writer.series(metric, variant);
          iteration = iterationOf(step, iteration);
          writer.push(series, iteration, value, timestamp);
          if (timestamp > lastMetricTs) lastMetricTs = timestamp;
          if (writer.full) commit();
        },
        badLine: (offset, line) => {
          if (++bad <= BAD_LINES_SHOWN) {
            summary.problems.push(`${file.path} at offset ${offset}: '${line.slice(0, 80)}' is not 'timestamp value step'; skipped`);
          }
        },
        onBytes: (n) => onBytes(bytesBefore + n),
      });
      if (bad > BAD_LINES_SHOWN) summary.problems.push(`${file.path}: ${bad - BAD_LINES_SHOWN} more lines that do not parse; skipped`);
      bytesBefore += to - from;
      known.offsets.set(file.path, { bytes: to, iteration });
    }
    commit();

    // The last point's time, of the lines read now and of those an earlier import read.
    for (const s of target.repos.scalars.seriesOfTasks([task, staging.stagingId])) {
      if ((s.last_ts ?? 0) > lastMetricTs) lastMetricTs = s.last_ts!;
    }
    const start = run.startTime ?? (lastMetricTs || Date.now());
    const end = run.endTime ?? null;
    const last = Math.max(start, end ?? 0, lastMetricTs);
    const fields = this.taskFields(run, project, start, end, last);
    // Artifacts are files (stored before the task that lists them is published).
    fields.execution = { artifacts: this.artifacts(run, task, end ?? last, summary, known.artifacts) };
    const created = staging.publish(target, () => {
      const outcome = upsertTask(target, task, fields);
      target.repos.tasks.touch(task, writer.lastIteration, iso(last));
      return outcome === 'created';
    });
    if (created) summary.tasksCreated++;
    else summary.tasksUpdated++;
  }

  private taskFields(
    run: MlflowRun,
    project: string,
    start: number,
    end: number | null,
    last: number,
  ): TaskFields & { name: string; created: string } {
    const tags = run.tags;
    const status = STATUS[run.status] ?? 'completed';
    return {
      project,
      name: tags.get('mlflow.runName') || run.runName || run.runId,
      type: 'training',
      status,
      comment: tags.get('mlflow.note.content') ?? '',
      tags: ['mlflow', ...[...tags].filter(([k]) => !k.startsWith('mlflow.')).map(([k, v]) => (v ? `${k}=${v}` : k))],
      system_tags: [],
      user: { id: run.userId || 'mlflow', name: tags.get('mlflow.user') || run.userId || 'MLflow' },
      created: iso(start),
      started: iso(start),
      completed: end !== null && status !== 'in_progress' ? iso(end) : null,
      status_changed: iso(end ?? last),
      last_update: iso(last),
      last_change: iso(last),
      active_duration: end !== null ? Math.round((end - start) / 1000) : null,
      hyperparams: {
        mlflow: Object.fromEntries(
          [...run.params].map(([name, value]) => [name, { section: 'mlflow', name, value, type: '', description: '' }]),
        ),
      },
      configuration: tags.size
        ? {
            'MLflow tags': {
              name: 'MLflow tags',
              type: 'json',
              description: 'tags of the MLflow run',
              value: JSON.stringify(Object.fromEntries(tags), null, 2),
            },
          }
        : {},
      script: this.script(run),
    };
  }

  /** Source details from the run's tags, and installed packages from a logged model. */
  private script(run: MlflowRun): object {
    const tags = run.tags;
    const script: Record<string, unknown> = {
      repository: tags.get('mlflow.source.git.repoURL') ?? tags.get('mlflow.gitRepoURL') ?? '',
      branch: tags.get('mlflow.source.git.branch') ?? '',
      version_num: tags.get('mlflow.source.git.commit') ?? '',
      entry_point: tags.get('mlflow.source.name') ?? '',
      working_dir: '.',
    };
    const requirements: Record<string, string> = {};
    const model = run.artifacts.find((a) => posix.basename(a.path) === 'MLmodel');
    if (model) {
      const folder = posix.dirname(model.path);
      const read = (name: string) => run.artifacts.find((a) => a.path === posix.join(folder, name));
      const pip = read('requirements.txt');
      const conda = read('conda.yaml');
      if (pip) requirements.pip = readFileSync(join(run.artifactsDir, pip.path), 'utf8');
      if (conda) requirements.conda = readFileSync(join(run.artifactsDir, conda.path), 'utf8');
    }
    if (Object.keys(requirements).length) script.requirements = requirements;
    return script;
  }

  /**
   * The run's artifacts as task artifacts, each file up to MAX_COPIED_BYTES stored in the files
   * folder. `stored`: what earlier passes stored (a watched run's metrics change often, its
   * artifacts seldom: an unchanged file is not read, hashed and written again).
   */
  private artifacts(
    run: MlflowRun,
    task: string,
    timestamp: number,
    summary: ImportSummary,
    stored: Map<string, StoredArtifact>,
  ): object[] {
    return run.artifacts.map((artifact) => {
      const source = join(run.artifactsDir, artifact.path);
      let uri = `file://${source}`;
      let hash = '';
      const earlier = stored.get(artifact.path);
      if (earlier && earlier.size === artifact.size && earlier.mtimeMs === artifact.mtimeMs) {
        ({ uri, hash } = earlier);
      } else if (artifact.size <= MAX_COPIED_BYTES) {
        const bytes = readFileSync(source);
        hash = createHash('sha256').update(bytes).digest('hex');
        try {
          uri = storeFile(this.target, `mlflow/${task}/artifacts/${artifact.path}`, bytes);
          stored.set(artifact.path, { size: artifact.size, mtimeMs: artifact.mtimeMs, uri, hash });
        } catch (error) {
          // A name the files folder refuses (resolveStoragePath): listed with its path in the store.
          summary.problems.push(`${source}: not copied (${(error as Error).message})`);
        }
      } else {
        summary.skip(`artifact over ${MAX_COPIED_BYTES >> 20} MB not copied (listed with its path in the store)`);
      }
      summary.artifacts++;
      return {
        key: artifact.path,
        type: 'custom',
        mode: 'output',
        uri,
        content_size: artifact.size,
        hash,
        timestamp: Math.round(timestamp),
        type_data: { preview: '', content_type: contentType(artifact.path) },
        display_data: [],
      };
    });
  }
}

function contentType(path: string): string {
  const ext = posix.extname(path).toLowerCase();
  const types: Record<string, string> = {
    '.txt': 'text/plain',
    '.json': 'application/json',
    '.yaml': 'text/yaml',
    '.yml': 'text/yaml',
    '.csv': 'text/csv',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.html': 'text/html',
    '.pkl': 'application/octet-stream',
  };
  return types[ext] ?? 'application/octet-stream';
}
