// Each limit of server/src/routes/limits.ts is answered with a 4xx envelope that names it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIMITS } from '../src/http/limits';
import { createProject, createTask, startServer } from './helpers';

test('limits: body size, events per batch, tasks per call, string lengths, pages, nesting, iterations', async (t) => {
  const server = await startServer();
  const tried: string[] = [];
  const expect4xx = async (
    what: string,
    reply: { status: number; meta: Record<string, any>; data: unknown },
    status: number,
    message: RegExp,
  ) => {
    assert.equal(reply.status, status, `${what}: ${reply.meta?.result_msg}`);
    assert.equal(reply.meta.result_code, status, what);
    assert.match(reply.meta.result_msg, message, what);
    assert.deepEqual(reply.data, {}, what);
    tried.push(`${what} → ${status}`);
  };
  t.after(() => server.close());
  const project = await createProject(server);
  const task = await createTask(server, project);

  const big = await server.app.inject({
    method: 'POST',
    url: '/api/v2.31/tasks.edit',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ task, comment: 'x'.repeat(LIMITS.bodyBytes) }),
  });
  await expect4xx(
    'body over 16 MB',
    { ...big.json(), status: big.statusCode },
    413,
    new RegExp(`too large \\(at most ${LIMITS.bodyBytes} bytes\\)`),
  );
  const justUnder = await server.call('tasks.edit', { task, comment: 'x'.repeat(1024 * 1024) });
  assert.equal(justUnder.status, 200);

  const manyEvents = await server.app.inject({
    method: 'POST',
    url: '/api/v2.31/events.add_batch',
    headers: { 'content-type': 'application/json-lines' },
    payload: Array.from({ length: LIMITS.eventsPerBatch + 1 }, (_, i) =>
      JSON.stringify({ type: 'training_stats_scalar', task, metric: 'm', variant: 'v', iter: i, value: i }),
    ).join('\n'),
  });
  await expect4xx(
    '100,001 events in a batch',
    { ...manyEvents.json(), status: manyEvents.statusCode },
    400,
    /too many events: 100001 in one batch, at most 100000/,
  );
  const stored = await server.call('events.get_task_metrics', { tasks: [task] });
  assert.deepEqual(stored.data.metrics[0].metrics, [], 'a refused batch stores nothing');

  const ids = Array.from({ length: 101 }, (_, i) => `t${i}`);
  await expect4xx(
    '101 tasks in a histogram call',
    await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: ids }),
    400,
    /Too many tasks: 101 requested, at most 100/,
  );
  await expect4xx(
    '1,025-character task name',
    await server.call('tasks.create', { name: 'n'.repeat(1025), project, type: 'training' }),
    400,
    /name must NOT have more than 1024 characters/,
  );
  await expect4xx(
    '129-character id',
    await server.call('tasks.get_by_id', { task: 'i'.repeat(129) }),
    400,
    /task must NOT have more than 128 characters/,
  );
  // clearml-server answers at most 500 tasks a page (larger page sizes are cut to 500), and needs a page size of 1 or more.
  await expect4xx('page_size 0', await server.call('tasks.get_all_ex', { page_size: 0 }), 400, /page_size must be >= 1/);
  await expect4xx('page 1,000,001', await server.call('projects.get_all_ex', { page: LIMITS.maxPage + 1 }), 400, /page must be <= 1000000/);
  await expect4xx(
    'histogram samples 6001',
    await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: [task], samples: 6001 }),
    400,
    /samples must be <= 6000/,
  );
  await expect4xx(
    'log batch_size 10001',
    await server.call('events.get_task_log', { task, batch_size: 10001 }),
    400,
    /batch_size must be <= 10000/,
  );
  const deep = '{"a":['.repeat(40) + '1' + ']}'.repeat(40);
  const nested = await server.app.inject({
    method: 'POST',
    url: '/api/tasks.create',
    headers: { 'content-type': 'application/json' },
    payload: deep,
  });
  await expect4xx('80 levels of nesting', { ...nested.json(), status: nested.statusCode }, 400, /deeper than 64 levels/);
  await expect4xx(
    'iteration 2^53',
    await server.call('events.get_debug_image_sample', { task, metric: 'm', variant: 'v', iteration: 2 ** 53 }),
    400,
    /iteration must be <=/,
  );

  const events = await server.app.inject({
    method: 'POST',
    url: '/api/events.add_batch',
    headers: { 'content-type': 'application/json-lines' },
    payload:
      [
        { type: 'training_stats_scalar', task, metric: 'm'.repeat(1025), variant: 'v', iter: 1, value: 1 },
        { type: 'training_stats_scalar', task, metric: 'm', variant: 'v', iter: 2 ** 60, value: 1 },
        { type: 'training_stats_scalar', task, metric: 'm', variant: 'v', iter: 3, value: 1 },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n') +
      '\n{"type":"training_stats_scalar","task":"' +
      task +
      '","metric":"m","variant":"v","iter":4,"value":NaN}',
  });
  const result = events.json().data;
  assert.equal(result.added, 1);
  assert.deepEqual(Object.keys(result.errors_info), [
    "event 0: 'metric' is longer than 1024 characters",
    `event 1: 'iter' must be an integer of at most ${Number.MAX_SAFE_INTEGER} in size`,
    'event 3: malformed JSON line (NaN and Infinity are not JSON numbers)',
  ]);
  tried.push('per-event limits (metric length, iteration size, NaN) → reported per event, the valid one stored');
  console.log(`limits: ${tried.join('; ')}`);
});

test('name filters that would backtrack for minutes run in linear time (RE2) with the right answers', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server, 'a'.repeat(40));
  await createTask(server, project, { name: `${'a'.repeat(40)}!` });
  // Each pattern with whether it matches the name (and the project's, which has no '!').
  for (const [name, task, projectMatch] of [
    ['(a+)+$', 0, 1],
    ['(a|aa)*$', 1, 1],
    ['([a-z]+)*!x', 0, 0],
    ['(?:a*){2,}!$', 1, 0],
  ] as const) {
    const tasks = await server.call('tasks.get_all_ex', { name });
    assert.equal(tasks.status, 200, `tasks ${name}: ${tasks.meta.result_msg}`);
    assert.equal(tasks.data.tasks.length, task, `tasks ${name}`);
    const projects = await server.call('projects.get_all_ex', { name });
    assert.equal(projects.status, 200, `projects ${name}: ${projects.meta.result_msg}`);
    assert.equal(projects.data.projects.length, projectMatch, `projects ${name}`);
  }
  assert.equal((await server.call('tasks.get_all_ex', { name: '^a+!$' })).data.tasks.length, 1);
  assert.equal((await server.call('tasks.get_all_ex', { name: 'A{40}(!|\\?)' })).data.tasks.length, 1);
  console.log('name filters: 4 patterns exponential on a backtracking engine answer on tasks and projects; ordinary ones still match');
});
