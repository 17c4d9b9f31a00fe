import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openRepositories, type Repositories } from '../src/db/repositories';
import { MlflowStore } from '../src/import/mlflow/store-import';
import { ImportSummary, stableId } from '../src/import/writer';
import { writeMlflowRun, startImportWorker } from './import-runs';
import { addEvents, createProject, createTask, scalar, startServer, tempDir as newTempDir } from './helpers';

const MLRUNS = join(__dirname, 'fixtures/mlflow/mlruns');
const BIG = 'b16b16b16b16b16b16b16b16b16b16b1';

const dirs: string[] = [];
const tempDir = () => {
  const dir = newTempDir('import-mlflow-staging-');
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const runTask = (runId: string) => stableId('mlflow', runId);
const stagingOf = (task: string) => stableId('mlflow-staging', task);
const count = (repos: Repositories, table: string) => repos.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const seriesCounts = (repos: Repositories, task: string) =>
  repos.scalars.seriesOfTasks([task]).map((s) => [s.metric, s.variant, s.count, s.last_iter]);

test('an SDK write through the app completes while a large MLflow run imports; the run appears only once imported whole', async (t) => {
  const dir = tempDir();
  const db = join(dir, 'compare.db');
  const root = join(dir, 'mlruns');
  const steps = 20_000;
  writeMlflowRun(root, '7', BIG, steps, ['acc', 'loss/train']);
  const server = await startServer({ dbPath: db });
  t.after(() => server.close());
  const sdkTask = await createTask(server, await createProject(server));

  const { messages, next, resume } = startImportWorker(t, { db, files: join(dir, 'files'), logs: root, flushPoints: 1000, kind: 'mlflow' });
  await next('paused');

  const task = runTask(BIG);
  const { repos } = openRepositories(db);
  t.after(() => repos.db.close());
  assert.ok(repos.scalars.seriesOfTasks([stagingOf(task)]).length > 0, 'part of the run is written (staged)');
  const reply = await addEvents(server, [scalar(sdkTask, 'loss', 'train', 1, 0.5), scalar(sdkTask, 'loss', 'train', 2, 0.25)]);
  assert.equal(reply.status, 200);
  assert.equal(reply.data.added, 2);
  assert.equal(
    messages.some((m) => m.done),
    false,
  );
  assert.equal((await server.call('tasks.get_by_id', { task })).status, 400);
  assert.deepEqual(repos.scalars.seriesOfTasks([task]), []);

  resume();
  await next('done');
  assert.equal(messages.find((m) => m.done)!.points, steps * 2);
  assert.deepEqual(seriesCounts(repos, task), [
    ['acc', 'acc', steps, steps - 1],
    ['loss', 'train', steps, steps - 1],
  ]);
  assert.deepEqual(repos.scalars.seriesOfTasks([stagingOf(task)]), []);
  const shown = await server.call('tasks.get_by_id', { task });
  assert.equal(shown.status, 200);
  assert.equal(shown.data.task.last_iteration, steps - 1);
  assert.deepEqual(
    repos.scalars.seriesOfTasks([sdkTask]).map((s) => [s.metric, s.variant, s.count]),
    [['loss', 'train', 2]],
  );
});

test('an MLflow import that fails part-way leaves nothing visible, and the next import brings the whole run', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  writeMlflowRun(root, '7', BIG, 5000, ['acc', 'loss/train']);
  const { repos } = openRepositories(join(dir, 'compare.db'));
  const target = { repos, filesDir: join(dir, 'files'), flushPoints: 500 };
  const store = new MlflowStore(target, root);
  const failed = runTask(BIG);
  let stagedAtFailure = 0;
  assert.throws(
    () =>
      store.pass(new ImportSummary(), {
        onProgress: () => {
          // The run of experiment 7 (after those of experiment 1, imported whole) fails part-way.
          const staged = repos.scalars.seriesOfTasks([stagingOf(failed)]);
          if (!staged.length) return;
          stagedAtFailure = staged.length;
          throw new Error('disk full');
        },
      }),
    /disk full/,
  );
  assert.ok(stagedAtFailure > 0);
  assert.equal(repos.tasks.query({}).length, 3, 'the runs imported before the failure stay');
  assert.equal(repos.tasks.exists(failed), false);
  assert.deepEqual(repos.scalars.seriesOfTasks([failed]), []);
  assert.deepEqual(repos.scalars.seriesOfTasks([stagingOf(failed)]), []);

  // Again with the same importer: the failed run is read from where it was, and lands whole.
  const again = new ImportSummary();
  assert.equal(store.pass(again, {}), 1);
  assert.equal(again.points, 10_000);
  assert.deepEqual(seriesCounts(repos, failed), [
    ['acc', 'acc', 5000, 4999],
    ['loss', 'train', 5000, 4999],
  ]);

  // Rows staged by an import killed before its end (nothing cleaned up)...
  repos.transaction(() => repos.scalars.addSeriesPoints(stagingOf(failed), 'ghost', 'ghost', [{ iter: 1, value: 1, ts: 1 }]));
  // ...are discarded when the run is imported next (by a new importer, as a new process makes it).
  writeMlflowRun(root, '7', BIG, 10, ['acc', 'loss/train'], 5000);
  new MlflowStore(target, root).pass(new ImportSummary(), {});
  assert.deepEqual(repos.scalars.seriesOfTasks([stagingOf(failed)]), []);
  const clean = openRepositories(join(dir, 'clean.db')).repos;
  new MlflowStore({ ...target, repos: clean }, root).pass(new ImportSummary(), {});
  for (const table of ['scalars', 'scalar_series', 'scalar_rollups', 'tasks']) {
    assert.equal(count(repos, table), count(clean, table), table);
  }
  for (const task of clean.tasks.query({})) {
    assert.deepEqual(
      repos.scalars.seriesOfTasks([task]).map((s) => [s.metric, s.variant, s.count, s.sum, s.last_iter]),
      clean.scalars.seriesOfTasks([task]).map((s) => [s.metric, s.variant, s.count, s.sum, s.last_iter]),
    );
  }
  clean.db.close();
  repos.db.close();
});
