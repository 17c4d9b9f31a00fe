import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openRepositories } from '../src/db/repositories';
import { scalarRecord } from '../src/import/tensorboard/event-writer';
import { TensorBoardLogDir } from '../src/import/tensorboard/log-dir-import';
import { ImportSummary } from '../src/import/writer';
import { startServer, tempDir, type TestServer } from './helpers';

const LOGS = join(__dirname, 'fixtures/tensorboard/logs');
const ROOT = join(__dirname, '../..');

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tasksOf(server: TestServer) {
  const reply = await server.call('tasks.get_all_ex', {
    only_fields: ['name', 'status', 'last_iteration', 'last_metrics'],
    order_by: ['name'],
  });
  assert.equal(reply.status, 200);
  return reply.data.tasks as {
    id: string;
    name: string;
    status: string;
    last_iteration: number;
    last_metrics: Record<string, Record<string, { value: number; count?: number }>>;
  }[];
}

async function trainPoints(server: TestServer, task: string): Promise<number> {
  const reply = await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: [task], samples: 5000 });
  assert.equal(reply.status, 200);
  return (reply.data.metrics.loss?.train?.[task]?.x ?? []).length;
}

test('a running server on the same database shows imported runs and appended steps without a restart; --watch imports live', async (t) => {
  const dir = tempDir();
  const db = join(dir, 'c.db');
  const files = join(dir, 'files');
  const logs = join(dir, 'runs');
  cpSync(join(LOGS, 'sweep'), logs, { recursive: true });
  const server = await startServer({ dbPath: db, filesDir: files });
  t.after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // The server reads (and keeps) what it has before the import writes from another connection.
  assert.deepEqual(await tasksOf(server), []);

  const { repos } = openRepositories(db);
  new TensorBoardLogDir({ repos, filesDir: files }, logs).pass(new ImportSummary(), { watching: false });
  const [task] = await tasksOf(server);
  assert.equal(task.name, 'seed-1');
  assert.equal(task.last_iteration, 98);
  assert.equal(await trainPoints(server, task.id), 50);
  const lastBefore = Object.values(task.last_metrics).flatMap((m) => Object.values(m))[0].value;

  // Steps appended and imported again: the charts and last_metrics the server answered move.
  const file = join(logs, 'seed-1', readdirSync(join(logs, 'seed-1'))[0]);
  appendFileSync(file, Buffer.concat([100, 102].map((step) => scalarRecord(step, 1.8e9 + step, { 'loss/train': 0.01 }))));
  new TensorBoardLogDir({ repos, filesDir: files }, logs).pass(new ImportSummary(), { watching: false });
  assert.equal(await trainPoints(server, task.id), 52);
  const [updated] = await tasksOf(server);
  assert.equal(updated.last_iteration, 102);
  const lastAfter = Object.values(updated.last_metrics).flatMap((m) => Object.values(m))[0].value;
  assert.notEqual(lastAfter, lastBefore);
  assert.ok(Math.abs(lastAfter - 0.01) < 1e-6);
  repos.db.close();

  // --watch: records appended while the CLI runs reach the server; the run is in progress meanwhile.
  const cli = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/import/cli.ts', 'tensorboard', logs, '--db', db, '--files', files, '--watch', '--interval', '0.2'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  cli.stdout.on('data', (d) => (output += d));
  cli.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
  t.after(() => {
    if (cli.exitCode === null) cli.kill('SIGKILL');
  });
  await waitFor(
    'the watch to start',
    async () => output,
    (o) => o.includes('Watching'),
  );
  for (let step = 104; step <= 110; step += 2) {
    appendFileSync(file, scalarRecord(step, 1.8e9 + step, { 'loss/train': 0.005 }));
    await waitFor(
      `step ${step} on the server`,
      () => tasksOf(server),
      (tasks) => tasks[0].last_iteration === step,
    );
  }
  assert.equal(await trainPoints(server, task.id), 56);
  assert.equal((await tasksOf(server))[0].status, 'in_progress');
  cli.kill('SIGINT');
  assert.equal(await exited, 0, output);
  assert.equal((await tasksOf(server))[0].status, 'completed');
});
