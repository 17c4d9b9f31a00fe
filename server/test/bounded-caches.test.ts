// Statements prepared for a request's shape (sort terms, fields, filters) are kept in bounded
// caches, and `order_by` is bounded with a 400 naming it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATEMENT_CACHE_SIZE } from '../src/db/statement-cache';
import { LIMITS } from '../src/http/limits';
import { createProject, createTask, startServer } from './helpers';

const FIELDS = ['name', 'type', 'status', 'comment', 'created', 'started', 'completed', 'last_update', 'last_change', 'id'];

/** The `n`th distinct list of up to three sort terms, as a client inventing spellings sends them. */
function orderBy(n: number): string[] {
  const terms: string[] = [];
  for (let k = n; terms.length < 3; k = Math.floor(k / 20)) {
    const field = FIELDS[k % FIELDS.length];
    terms.push((k % 20 >= 10 ? '-' : '') + field);
    if (k < 20) break;
  }
  return terms;
}

test('a thousand distinct order_by and only_fields spellings keep the statement caches bounded', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  for (let i = 0; i < 3; i++) await createTask(server, project, { name: `run ${i}`, comment: `c${2 - i}` });
  const distinct = new Set<string>();
  for (let n = 0; n < 1200; n++) {
    const order = orderBy(n);
    distinct.add(order.join(','));
    const reply = await server.call('tasks.get_all_ex', { order_by: order, only_fields: ['name'] });
    assert.equal(reply.status, 200, reply.meta.result_msg);
    assert.equal(reply.data.tasks.length, 3);
  }
  assert.ok(distinct.size > 2 * STATEMENT_CACHE_SIZE, `${distinct.size} distinct sorts`);
  assert.equal(server.app.repos.tasks.cachedStatements, STATEMENT_CACHE_SIZE);
  // Answers stay right after their statements were dropped and prepared again.
  const byComment = await server.call('tasks.get_all_ex', { order_by: ['comment'], only_fields: ['name'] });
  assert.deepEqual(
    byComment.data.tasks.map((t: { name: string }) => t.name),
    ['run 2', 'run 1', 'run 0'],
  );

  for (let n = 0; n < 1000; n++) {
    const reply = await server.call('tasks.get_all_ex', { only_fields: ['name', `script.key${n}`, `execution.k${n % 7}`] });
    assert.equal(reply.status, 200, reply.meta.result_msg);
  }
  assert.equal(server.app.repos.tasks.cachedStatements, STATEMENT_CACHE_SIZE);

  for (let n = 0; n < 1000; n++) {
    const reply = await server.call('projects.get_all_ex', {
      order_by: orderBy(n).map((t) => t.replace(/comment|type|status|started|completed|last_change/, 'name')),
      page: 0,
      page_size: 1 + (n % 200),
    });
    assert.equal(reply.status, 200, reply.meta.result_msg);
  }
  assert.ok(server.app.repos.projects.cachedStatements <= STATEMENT_CACHE_SIZE, `${server.app.repos.projects.cachedStatements}`);
});

test('only_fields: many paths inside a column are read with the whole column; past the limit a 400', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const script = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]));
  await createTask(server, project, { name: 'many keys', script });
  const paths = (count: number) => Array.from({ length: count }, (_, i) => `script.k${i}`);
  for (const count of [64, 65, LIMITS.onlyFields - 1]) {
    const reply = await server.call('tasks.get_all_ex', { only_fields: ['name', ...paths(count)] });
    assert.equal(reply.status, 200, `${count} paths: ${reply.meta.result_msg}`);
    const [task] = reply.data.tasks;
    assert.equal(task.name, 'many keys');
    assert.deepEqual(task.script, Object.fromEntries(paths(count).map((p, i) => [p.slice(7), i])), `${count} paths`);
  }
  for (const endpoint of ['tasks.get_all_ex', 'projects.get_all_ex', 'models.get_all']) {
    const reply = await server.call(endpoint, { only_fields: paths(LIMITS.onlyFields + 1) });
    assert.equal(reply.status, 400, endpoint);
    assert.match(reply.meta.result_msg, /only_fields must NOT have more than 200 items/, endpoint);
  }
});

test('order_by over its limits answers 400 naming order_by', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const terms = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? '-name' : 'created'));
  const ok = await server.call('tasks.get_all_ex', { order_by: terms(LIMITS.orderByTerms) });
  assert.equal(ok.status, 200, ok.meta.result_msg);
  for (const [what, endpoint, body] of [
    ['11 terms', 'tasks.get_all_ex', { order_by: terms(LIMITS.orderByTerms + 1) }],
    ['2,001 terms', 'tasks.get_all_ex', { order_by: terms(2001) }],
    ['2,001 terms (tasks.get_all)', 'tasks.get_all', { order_by: terms(2001) }],
    ['a long term', 'tasks.get_all_ex', { order_by: [`hyperparams.${'s'.repeat(LIMITS.orderByLength)}.x.value`] }],
    ['a long term alone', 'tasks.get_all_ex', { order_by: `-${'n'.repeat(LIMITS.orderByLength)}` }],
    ['11 project terms', 'projects.get_all_ex', { order_by: terms(LIMITS.orderByTerms + 1) }],
  ] as const) {
    const reply = await server.call(endpoint, body);
    assert.equal(reply.status, 400, `${what}: ${reply.meta.result_msg}`);
    assert.equal(reply.meta.result_code, 400);
    assert.match(reply.meta.result_msg, /order_by/, what);
  }
});
