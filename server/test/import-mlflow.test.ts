import assert from 'node:assert/strict';
import { appendFileSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openRepositories, type Repositories } from '../src/db/repositories';
import type { TaskRow } from '../src/db/task-record';
import { listExperiments, readMetricLines, readRun } from '../src/import/mlflow/file-store';
import { MlflowStore } from '../src/import/mlflow/store-import';
import { ImportSummary } from '../src/import/writer';
import { startServer, tempDir as newTempDir } from './helpers';

const MLRUNS = join(__dirname, 'fixtures/mlflow/mlruns');
const ADAM = '3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f';

const dirs: string[] = [];
const tempDir = () => {
  const dir = newTempDir('import-mlflow-');
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function importStore(root: string, repos: Repositories, filesDir: string, project?: string) {
  const summary = new ImportSummary();
  new MlflowStore({ repos, filesDir }, root, project).pass(summary, {});
  return summary;
}

function byName(repos: Repositories): Record<string, Partial<TaskRow>> {
  const ids = repos.tasks.query({});
  return Object.fromEntries(repos.tasks.rows(ids, null).map((r) => [r.name, r]));
}

test('the file store is read as MLflow writes it: experiments, run meta.yaml, params, metrics, tags, artifacts', () => {
  const experiments = listExperiments(MLRUNS);
  assert.deepEqual(
    experiments.map((e) => [e.id, e.name, e.deleted, e.runDirs.length]),
    [
      ['0', 'Default', false, 0],
      ['1', 'cifar-sweep', false, 3],
      ['2', 'scratch', true, 0],
    ],
  );
  const run = readRun(join(MLRUNS, '1', ADAM));
  assert.equal(run.runId, ADAM);
  assert.equal(run.status, 'FINISHED');
  assert.equal(run.startTime, Date.parse('2026-01-01T00:00:00Z'));
  assert.deepEqual(Object.fromEntries(run.params), { batch_size: '128', lr: '0.001', optimizer: 'adam' });
  assert.deepEqual(run.metricFiles.map((f) => f.key).sort(), ['accuracy', 'loss/train', 'loss/val']);
  const steps: number[] = [];
  const val = run.metricFiles.find((f) => f.key === 'loss/val')!;
  const end = readMetricLines(val.path, { from: 0, final: true, point: (_ts, _value, step) => steps.push(step), badLine: assert.fail });
  assert.deepEqual(steps, [4, 9, 14, 19]);
  assert.equal(end, val.size);
  assert.equal(run.tags.get('mlflow.runName'), 'adam-lr-0.001');
  assert.ok(run.artifacts.some((a) => a.path === 'model/requirements.txt'));
});

test('runs become tasks: name, status, times, params, metrics, tags, source, packages and artifacts', async (t) => {
  const { repos } = openRepositories(':memory:');
  const server = await startServer();
  t.after(() => server.close());
  const summary = importStore(MLRUNS, repos, server.filesDir);
  assert.deepEqual(
    summary.lines().filter((l) => l.startsWith('skipped')),
    ['skipped 1x: deleted experiment'],
  );
  const tasks = byName(repos);
  assert.deepEqual(Object.keys(tasks).sort(), ['adam-lr-0.001', 'adamw-running', 'sgd-lr-0.1']);
  assert.deepEqual(
    Object.values(tasks)
      .map((t) => [t.name, t.status])
      .sort(),
    [
      ['adam-lr-0.001', 'completed'],
      ['adamw-running', 'in_progress'],
      ['sgd-lr-0.1', 'failed'],
    ],
  );
  assert.deepEqual(
    repos.projects.query({}).map((p) => p.name),
    ['cifar-sweep'],
  );
  const adam = tasks['adam-lr-0.001'];
  assert.equal(adam.started, '2026-01-01T00:00:00.000Z');
  assert.equal(adam.completed, '2026-01-01T01:00:00.000Z');
  assert.equal(tasks['adamw-running'].completed, null);
  assert.equal(adam.comment, 'Baseline with Adam; **best** so far.');
  assert.deepEqual(JSON.parse(adam.tags!), ['mlflow', 'team=vision']);
  assert.equal(JSON.parse(adam.hyperparams!).mlflow.lr.value, '0.001');
  const script = JSON.parse(adam.script!);
  assert.equal(script.version_num, '1b9e2f0c4d8a7e6b5c3d1f0a9e8d7c6b5a4f3e2d');
  assert.equal(script.entry_point, 'train.py');
  assert.match(script.requirements.pip, /^mlflow==2\.14\.1\ntorch==2\.3\.1/);
  assert.match(script.requirements.conda, /name: mlflow-env/);

  const series = Object.fromEntries(repos.scalars.seriesOfTasks([adam.id!]).map((s) => [`${s.metric}/${s.variant}`, s]));
  assert.deepEqual(Object.keys(series).sort(), ['accuracy/accuracy', 'loss/train', 'loss/val']);
  assert.equal(series['loss/train'].count, 20);
  assert.equal(series['loss/val'].count, 4);
  assert.equal(series['loss/train'].first_ts, Date.parse('2026-01-01T00:00:00Z'));

  const artifacts = JSON.parse(adam.execution!).artifacts as { key: string; uri: string; content_size: number }[];
  const csv = artifacts.find((a) => a.key === 'confusion_matrix.csv')!;
  assert.ok(csv.uri.startsWith('/files/mlflow/'), csv.uri);
  const served = await server.app.inject({ url: csv.uri });
  assert.equal(served.statusCode, 200);
  assert.equal(served.body, 'actual,cat,dog\ncat,90,10\ndog,12,88\n');
  assert.equal(csv.content_size, served.body.length);
});

test('importing a store again duplicates nothing; appended metric lines are added', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const db = join(dir, 'c.db');
  const { repos } = openRepositories(db);
  importStore(root, repos, join(dir, 'files'), 'All runs');
  const counts = () =>
    repos.scalars
      .seriesOfTasks(repos.tasks.query({}))
      .map((s) => `${s.task}:${s.metric}/${s.variant}:${s.count}`)
      .sort();
  const before = counts();
  const second = importStore(root, openRepositories(db).repos, join(dir, 'files'), 'All runs');
  assert.equal(second.tasksCreated, 0);
  assert.equal(second.points, 0);
  assert.deepEqual(counts(), before);
  assert.deepEqual(
    repos.projects.query({}).map((p) => p.name),
    ['All runs'],
  );

  appendFileSync(join(root, '1', ADAM, 'metrics', 'loss', 'train'), '1767229300000 0.150000 20\n1767229360000 0.140000 21\n');
  const third = importStore(root, openRepositories(db).repos, join(dir, 'files'), 'All runs');
  assert.equal(third.points, 2);
  const adam = byName(repos)['adam-lr-0.001'];
  const train = repos.scalars.seriesOfTasks([adam.id!]).find((s) => s.variant === 'train')!;
  assert.equal(train.count, 22);
  assert.equal(train.value, 0.14);
  assert.equal(adam.last_iteration, 21);
});

test('a watched store imports again only the runs whose folders changed', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const { repos } = openRepositories(join(dir, 'c.db'));
  const store = new MlflowStore({ repos, filesDir: join(dir, 'files') }, root);
  assert.equal(store.pass(new ImportSummary(), {}), 3);
  assert.equal(store.pass(new ImportSummary(), {}), 0);
  appendFileSync(join(root, '1', ADAM, 'metrics', 'accuracy'), '1767229300000 0.97 20\n');
  const summary = new ImportSummary();
  assert.equal(store.pass(summary, {}), 1);
  assert.equal(summary.points, 1);
  assert.equal(summary.tasksUpdated, 1);
});
