import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Repositories } from '../db/repositories';
import type { RawPoint } from '../db/scalar-rollups';
import { resolveStoragePath } from '../files/storage-path';
import { demoDataset, type DemoProject, type DemoTask } from './demo';

export interface SeedProgress {
  tasksDone: number;
  tasksTotal: number;
  points: number;
}

const POINTS_PER_WRITE = 200_000;

/** Writes projects and tasks (with their events and sample files) through the repositories. */
export function seedDataset(
  repos: Repositories,
  filesDir: string,
  projects: readonly DemoProject[],
  onProgress: (progress: SeedProgress) => void = () => {},
): SeedProgress {
  const progress: SeedProgress = { tasksDone: 0, tasksTotal: projects.reduce((n, p) => n + p.tasks.length, 0), points: 0 };
  for (const project of projects) {
    repos.transaction(() =>
      repos.projects.insert({
        id: project.id,
        name: project.name,
        description: project.description,
        created: project.created,
        last_update: project.created,
      }),
    );
    for (const task of project.tasks) {
      repos.transaction(() => seedTask(repos, filesDir, project.id, task, progress, onProgress));
      progress.tasksDone++;
      onProgress(progress);
    }
  }
  return progress;
}

function seedTask(
  repos: Repositories,
  filesDir: string,
  project: string,
  task: DemoTask,
  progress: SeedProgress,
  onProgress: (progress: SeedProgress) => void,
) {
  for (const ref of [...task.models.input, ...task.models.output]) {
    if (repos.models.get(ref.model.id)) continue;
    repos.models.insert({
      ...ref.model,
      labels: JSON.stringify(ref.model.labels),
      project,
      task: task.id,
      created: task.created,
    });
  }
  const lastUpdate = task.completed ?? task.status_changed ?? task.created;
  repos.tasks.insert(task.id, {
    project,
    name: task.name,
    type: task.type,
    status: task.status,
    comment: task.comment,
    tags: task.tags,
    system_tags: task.system_tags,
    user: task.user,
    parent: task.parent,
    created: task.created,
    started: task.started,
    completed: task.completed,
    status_changed: task.status_changed,
    last_update: lastUpdate,
    last_change: lastUpdate,
    active_duration: task.active_duration,
    status_message: task.status_message,
    status_reason: task.status_reason,
    last_worker: task.last_worker,
    script: task.script,
    container: task.container,
    hyperparams: task.hyperparams,
    configuration: task.configuration,
    execution: task.execution,
    models: task.models,
    runtime: task.runtime,
  });

  let lastIteration = 0;
  for (const series of task.scalars) {
    let block: RawPoint[] = [];
    for (const [iter, value, ts] of series.points()) {
      block.push({ iter, value, ts });
      if (iter > lastIteration) lastIteration = iter;
      if (block.length >= POINTS_PER_WRITE) {
        repos.scalars.addSeriesPoints(task.id, series.metric, series.variant, block);
        progress.points += block.length;
        onProgress(progress);
        block = [];
      }
    }
    repos.scalars.addSeriesPoints(task.id, series.metric, series.variant, block);
    progress.points += block.length;
  }
  const when = Date.parse(lastUpdate);
  repos.events.addSingleValues(task.singleValues.map((v) => ({ task: task.id, ...v, ts: when })));
  repos.events.addPlots(
    task.plots.map((p) => ({ task: task.id, metric: p.metric, variant: p.variant, iter: p.iter, ts: p.timestamp, plot_str: p.plot_str })),
  );
  repos.events.addLogs(
    task.logs.map((l) => ({ task: task.id, iter: l.iter, ts: l.timestamp, level: l.level, msg: l.msg, worker: task.last_worker })),
  );
  for (const sample of task.samples) {
    const { relative, absolute } = resolveStoragePath(filesDir, sample.path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, sample.bytes());
    repos.events.addDebugSamples([
      {
        task: task.id,
        metric: sample.metric,
        variant: sample.variant,
        iter: sample.iter,
        ts: when,
        url: `/files/${relative}`,
        key: null,
      },
    ]);
  }
  repos.tasks.touch(task.id, lastIteration, lastUpdate);
}

/** The default demo data set: CIFAR-10 sweep and Speech commands. */
export async function seedDemo(repos: Repositories, filesDir: string): Promise<SeedProgress> {
  return seedDataset(repos, filesDir, demoDataset());
}
