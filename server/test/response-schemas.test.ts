import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { startServer, tempDir, type ApiReply, type TestServer } from './helpers';

/** The envelope without what differs on every answer (its ids). */
function comparable(reply: ApiReply) {
  const meta = { ...reply.meta };
  delete meta.id;
  delete meta.trx;
  return { status: reply.status, meta, data: reply.data };
}

/** Each request answers the same with response schemas (fast-json-stringify) as with JSON.stringify. */
async function assertSameAnswers(withSchemas: TestServer, without: TestServer, requests: [string, object][]) {
  for (const [name, body] of requests) {
    const label = `${name} ${JSON.stringify(body)}`;
    const fast = comparable(await withSchemas.call(name, body));
    const plain = comparable(await without.call(name, body));
    if (name === 'auth.login') {
      // A token is signed anew on every call: its type and validity are what must hold.
      assert.equal(typeof fast.data.token, 'string', label);
      assert.ok(fast.data.token.length > 0, label);
      fast.data.token = plain.data.token;
    }
    assert.deepStrictEqual(fast, plain, label);
  }
}

test('answers with response schemas equal JSON.stringify of the same handler results, on the seeded demo data', async (t) => {
  const dir = tempDir();
  const dbPath = join(dir, 'compare.db');
  const withSchemas = await startServer({ dbPath, filesDir: join(dir, 'files'), demo: true });
  const without = await startServer({ dbPath, filesDir: join(dir, 'files'), responseSchemas: false });
  t.after(async () => {
    await withSchemas.close();
    await without.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const projects = (await without.call('projects.get_all_ex', {})).data.projects as { id: string }[];
  const tasks = (await without.call('tasks.get_all_ex', { only_fields: ['id'] })).data.tasks as { id: string }[];
  assert.ok(projects.length > 0 && tasks.length > 1, 'the demo data is seeded');
  const taskIds = tasks.slice(0, 5).map((task) => task.id);
  await assertSameAnswers(withSchemas, without, [
    ['server.info', {}],
    ['server.report_stats_option', {}],
    ['server.report_stats_option', { enabled: true }],
    ['login.supported_modes', {}],
    ['auth.login', {}],
    ['auth.login', { expiration_sec: 60 }],
    ['users.get_current_user', {}],
    ['users.get_preferences', {}],
    ['organization.get_tags', {}],
    ['projects.get_all_ex', {}],
    ['projects.get_all', {}],
    ['projects.get_by_id', { project: projects[0].id }],
    ['projects.get_task_tags', {}],
    ['projects.get_user_names', {}],
    ['tasks.get_all_ex', {}],
    ['tasks.get_all', { id: taskIds }],
    ['tasks.get_by_id', { task: taskIds[0] }],
    ['tasks.get_hyper_params', { tasks: taskIds }],
    ['tasks.get_configurations', { tasks: taskIds }],
    ['models.get_all_ex', {}],
    ['models.get_all', {}],
    ['events.get_multi_task_metrics', { tasks: taskIds }],
    ['events.get_task_single_value_metrics', { tasks: taskIds }],
    ['events.get_scalar_metrics_and_variants', { task: taskIds[0] }],
    ['events.get_task_log', { task: taskIds[0] }],
    ['events.multi_task_scalar_metrics_iter_histogram', { tasks: taskIds }],
    ['tasks.get_by_id', { task: 'no-such-task' }],
  ]);
});

test('server.info answers the same with and without response schemas when answering as a plain clearml-server', async (t) => {
  const withSchemas = await startServer({ plainClearml: true });
  const without = await startServer({ plainClearml: true, responseSchemas: false });
  t.after(async () => {
    await withSchemas.close();
    await without.close();
  });
  const reply = await withSchemas.call('server.info');
  assert.ok(!('capabilities' in reply.data));
  await assertSameAnswers(withSchemas, without, [['server.info', {}]]);
});
