import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import type { TaskFields } from '../../db/tasks-repository';
import {
  ensureProject,
  iso,
  metricVariant,
  SeriesWriter,
  stableId,
  storeFile,
  upsertTask,
  type ImportSummary,
  type ImportTarget,
} from '../writer';
import { listExperiments, readRun, runSignature, type MlflowRun } from './file-store';

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

/**
 * An MLflow file store: experiment → project (or all into `--project`), run → task. Each `pass`
 * imports the runs whose folders changed since the previous one.
 */
export class MlflowStore {
  readonly root: string;
  private readonly signatures = new Map<string, string>();
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

  pass(
    summary: ImportSummary,
    options: { onProgress?: (p: { runsDone: number; runs: number; bytesDone: number; bytes: number }) => void },
  ): number {
    const experiments = listExperiments(this.root);
    const runs = experiments.reduce((n, e) => n + e.runDirs.length, 0);
    let done = 0;
    let imported = 0;
    for (const experiment of experiments) {
      if (experiment.deleted) {
        summary.skip('deleted experiment', 1);
        done += experiment.runDirs.length;
        continue;
      }
      for (const dir of experiment.runDirs) {
        done++;
        const signature = runSignature(dir);
        if (this.signatures.get(dir) === signature) continue;
        const run = readRun(dir);
        if (run.deleted) {
          summary.skip('deleted run');
          this.signatures.set(dir, signature);
          continue;
        }
        const projectName = this.project || experiment.name;
        this.target.repos.transaction(() => {
          const project = this.projectId(projectName, experiment.id);
          this.importRun(run, project, summary);
        });
        this.signatures.set(dir, signature);
        imported++;
        options.onProgress?.({ runsDone: done, runs, bytesDone: 0, bytes: 0 });
      }
    }
    return imported;
  }

  /** Runs keep the status their meta.yaml gives. */
  completeIdle(): void {}

  private projectId(name: string, experimentId: string): string {
    let id = this.projects.get(name);
    if (!id) {
      id = ensureProject(this.target, name, `MLflow experiment ${experimentId} of ${this.root}`, iso(Date.now()));
      this.projects.set(name, id);
    }
    return id;
  }

  private importRun(run: MlflowRun, project: string, summary: ImportSummary): void {
    const task = stableId('mlflow', run.runId);
    const tags = run.tags;
    const lastMetricTs = Math.max(
      0,
      ...[...run.metrics.values()].map((points) => (points.length ? points[points.length - 1].timestamp : 0)),
    );
    const start = run.startTime ?? (lastMetricTs || Date.now());
    const end = run.endTime ?? null;
    const last = Math.max(start, end ?? 0, lastMetricTs);
    const status = STATUS[run.status] ?? 'completed';
    const fields: TaskFields & { name: string; created: string } = {
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
    const created = upsertTask(this.target, task, fields) === 'created';
    if (created) summary.tasksCreated++;
    else summary.tasksUpdated++;

    const writer = new SeriesWriter(this.target, task, summary);
    for (const [key, points] of run.metrics) {
      const { metric, variant } = metricVariant(key);
      for (const p of points) writer.add(metric, variant, p.step, p.value, p.timestamp);
    }
    writer.flush();
    for (const line of run.badLines) summary.problems.push(line);

    const artifacts = this.artifacts(run, task, end ?? last, summary);
    this.target.repos.tasks.update(task, { execution: { artifacts } });
    this.target.repos.tasks.touch(task, writer.lastIteration, iso(last));
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
      if (pip) requirements.pip = readFileSync(join(run.dir, 'artifacts', pip.path), 'utf8');
      if (conda) requirements.conda = readFileSync(join(run.dir, 'artifacts', conda.path), 'utf8');
    }
    if (Object.keys(requirements).length) script.requirements = requirements;
    return script;
  }

  private artifacts(run: MlflowRun, task: string, timestamp: number, summary: ImportSummary): object[] {
    return run.artifacts.map((artifact) => {
      const source = join(run.dir, 'artifacts', artifact.path);
      let uri = `file://${source}`;
      let hash = '';
      if (artifact.size <= MAX_COPIED_BYTES) {
        const bytes = readFileSync(source);
        hash = createHash('sha256').update(bytes).digest('hex');
        try {
          uri = storeFile(this.target, `mlflow/${task}/artifacts/${artifact.path}`, bytes);
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
