import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openRepositories, type Repositories } from '../src/db/repositories';
import { TensorBoardLogDir } from '../src/import/tensorboard/log-dir-import';
import { ImportSummary, stableId } from '../src/import/writer';
import { writeRun, startImportWorker } from './import-runs';
import { addEvents, createProject, createTask, scalar, startServer, tempDir as newTempDir } from './helpers';

const dirs: string[] = [];
const tempDir = () => {
  const dir = newTempDir('import-staging-');
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const runTask = (project: string, run: string) => stableId('tensorboard', project, run);
const stagingOf = (task: string) => stableId('tensorboard-staging', task);
const count = (repos: Repositories, table: string) => repos.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

test('an SDK write through the app completes while a large import is in progress; the run appears only once imported whole', async (t) => {
  const dir = tempDir();
  const db = join(dir, 'compare.db');
  const logs = join(dir, 'logs');
  const steps = 20_000;
  writeRun(join(logs, 'big'), steps, 2);
  const server = await startServer({ dbPath: db });
  t.after(() => server.close());
  const sdkTask = await createTask(server, await createProject(server));

  const { messages, next, resume } = startImportWorker(t, { db, files: join(dir, 'files'), logs, flushPoints: 1000 });
  await next('paused');

  // The import holds no lock between its blocks: the SDK's batch is stored now, not after the import.
  const task = runTask('logs', 'big');
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
  // Nothing of the run is visible half-written.
  assert.equal((await server.call('tasks.get_by_id', { task })).status, 400);
  assert.deepEqual(repos.scalars.seriesOfTasks([task]), []);

  resume();
  await next('done');
  const done = messages.find((m) => m.done)!;
  assert.equal(done.points, steps * 2);
  const series = repos.scalars.seriesOfTasks([task]);
  assert.deepEqual(
    series.map((s) => [s.metric, s.variant, s.count]),
    [
      ['acc0', 'acc0', steps],
      ['loss', 't1', steps],
    ],
  );
  assert.deepEqual(repos.scalars.seriesOfTasks([stagingOf(task)]), []);
  assert.equal((await server.call('tasks.get_by_id', { task })).status, 200);
  const sdk = repos.scalars.seriesOfTasks([sdkTask]);
  assert.deepEqual(
    sdk.map((s) => [s.metric, s.variant, s.count]),
    [['loss', 'train', 2]],
  );
});

test('an import that fails part-way leaves nothing visible, and the next import brings the whole run', () => {
  const dir = tempDir();
  const logs = join(dir, 'logs');
  cpSync(join(__dirname, 'fixtures/tensorboard/logs'), logs, { recursive: true });
  writeRun(join(logs, 'big'), 5000, 2);
  const { repos } = openRepositories(join(dir, 'compare.db'));
  const target = { repos, filesDir: join(dir, 'files'), flushPoints: 500 };
  const logDir = new TensorBoardLogDir(target, logs);
  const failed = runTask('logs', 'big');
  const failing = new ImportSummary();
  let stagedAtFailure = 0;
  assert.throws(
    () =>
      logDir.pass(failing, {
        watching: false,
        onProgress: () => {
          // The run `big` (after `baseline`, imported whole) fails part-way, once some of it is written.
          const staged = repos.scalars.seriesOfTasks([stagingOf(failed)]);
          if (!staged.length) return;
          stagedAtFailure = staged.length;
          throw new Error('disk full');
        },
      }),
    /disk full/,
  );
  assert.ok(stagedAtFailure > 0);
  assert.ok(repos.tasks.exists(runTask('logs', 'baseline')), 'a run imported before the failure stays');
  assert.equal(repos.tasks.exists(failed), false);
  assert.deepEqual(repos.scalars.seriesOfTasks([failed]), []);
  assert.deepEqual(repos.events.plotVariants(failed), []);
  assert.deepEqual(repos.events.debugSampleVariants(failed), []);
  assert.deepEqual(repos.scalars.seriesOfTasks([stagingOf(failed)]), []);
  assert.deepEqual(repos.events.debugSampleVariants(stagingOf(failed)), []);

  // Again with the same importer: it reads the failed run from where it was, and imports the rest.
  logDir.pass(new ImportSummary(), { watching: false });
  assert.ok(repos.tasks.exists(failed));

  // Rows staged by an import killed before its end (a process gone, nothing cleaned up)...
  repos.transaction(() => repos.scalars.addSeriesPoints(stagingOf(failed), 'ghost', 'ghost', [{ iter: 1, value: 1, ts: 1 }]));
  // ...are discarded when the run is imported next (by a new importer, as a new process makes it).
  new TensorBoardLogDir(target, logs).pass(new ImportSummary(), { watching: false });
  assert.deepEqual(repos.scalars.seriesOfTasks([stagingOf(failed)]), []);
  const clean = openRepositories(join(dir, 'clean.db')).repos;
  const cleanLogDir = new TensorBoardLogDir({ ...target, repos: clean }, logs);
  cleanLogDir.pass(new ImportSummary(), { watching: false });
  for (const table of ['scalars', 'scalar_series', 'scalar_rollups', 'plots', 'debug_samples', 'single_values']) {
    assert.equal(count(repos, table), count(clean, table), table);
  }
  assert.equal(cleanLogDir.taskIds.length, 5);
  for (const task of cleanLogDir.taskIds) {
    assert.deepEqual(
      repos.scalars.seriesOfTasks([task]).map((s) => [s.metric, s.variant, s.count, s.sum, s.last_iter]),
      clean.scalars.seriesOfTasks([task]).map((s) => [s.metric, s.variant, s.count, s.sum, s.last_iter]),
    );
  }
  clean.db.close();
  repos.db.close();
});
