// Two server processes on one database file: every write of either waits for the other's and
// succeeds (no "database is locked"), and read-modify-write calls lose no update.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { batchLines, startLiveServer, tempDir, type LiveServer } from './live-server';

const WRITES_PER_CLIENT = Number(process.env.SHARED_WRITES ?? 60);

test('two servers on one database file: every write answers 200 and no read-modify-write update is lost', async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'shared.db');
  const servers: LiveServer[] = [];
  try {
    servers.push(await startLiveServer(dbPath, join(dir, 'files')));
    servers.push(await startLiveServer(dbPath, join(dir, 'files')));
    const [a, b] = servers;
    const project = (await a.call('projects.create', { name: 'shared' })).data.id;
    const task = (await a.call('tasks.create', { name: 'shared', type: 'training', project })).data.id;
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const count = (status: number, what: string, body: unknown) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status !== 200) failures.push(`${what}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
    };
    // Each client writes through one server: artifacts and hyperparameters (each call reads the
    // task's list and writes it back), task edits, and event batches.
    const client = async (server: LiveServer, name: string) => {
      for (let i = 0; i < WRITES_PER_CLIENT; i++) {
        const artifact = await server.call('tasks.add_or_update_artifacts', { task, artifacts: [{ key: `${name}-${i}`, type: 'json' }] });
        count(artifact.status, 'add_or_update_artifacts', artifact.meta);
        const param = await server.call('tasks.edit_hyper_params', {
          task,
          hyperparams: [{ section: name, name: `p${i}`, value: String(i) }],
        });
        count(param.status, 'edit_hyper_params', param.meta);
        const edit = await server.call('tasks.edit', { task, comment: `${name} ${i}` });
        count(edit.status, 'edit', edit.meta);
        const batch = await server.addBatch(batchLines(task, name === 'a' ? 2 * i : 2 * i + 1, 50));
        count(batch.status, 'add_batch', batch.data);
      }
    };
    const started = performance.now();
    await Promise.all([client(a, 'a'), client(b, 'b')]);
    const seconds = (performance.now() - started) / 1000;
    assert.deepEqual(failures, [], 'every write of either server answered 200');
    // Read through the other server: each server's updates are all there.
    const artifacts = (await b.call('tasks.get_by_id', { task })).data.task.execution.artifacts as { key: string }[];
    const keys = new Set(artifacts.map((x) => x.key));
    for (const name of ['a', 'b']) {
      for (let i = 0; i < WRITES_PER_CLIENT; i++) assert.ok(keys.has(`${name}-${i}`), `artifact ${name}-${i} kept`);
    }
    const params = (await a.call('tasks.get_hyper_params', { tasks: [task] })).data.params[0].hyperparams as unknown[];
    assert.equal(params.length, 2 * WRITES_PER_CLIENT, 'every hyperparameter kept');
    const db = new Database(dbPath, { readonly: true });
    try {
      assert.equal(
        db.prepare('SELECT count(*) FROM task_params WHERE task = ?').pluck().get(task),
        2 * WRITES_PER_CLIENT,
        'parameter index agrees',
      );
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
    console.log(
      `two servers, one file: ${[...statuses].map(([s, n]) => `${n} x ${s}`).join(', ')} in ${seconds.toFixed(1)} s; no update lost`,
    );
  } finally {
    for (const server of servers) await server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
