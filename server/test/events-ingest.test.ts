import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openRepositories } from '../src/db/repositories';
import { addEvents, createProject, createTask, scalar, startServer, tempDir } from './helpers';

test('add_batch stores json-lines and arrays, and keeps last_metrics at ingest', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  const values = [5, 3, 7, 4];
  const lines = await addEvents(
    server,
    values.slice(0, 2).map((v, i) => scalar(task, 'loss', 'train', i * 10, v)),
  );
  assert.equal(lines.status, 200);
  assert.deepEqual(lines.data, { added: 2, errors: 0, errors_info: {} });
  const array = await server.app.inject({
    method: 'POST',
    url: '/api/events.add_batch',
    payload: values.slice(2).map((v, i) => ({ ...scalar(task, 'loss', 'train', 20 + i * 10, v), worker: 'w1', allow_locked: true })),
  });
  assert.equal(array.json().data.added, 2);
  const doc = (await server.call('tasks.get_by_id', { task })).data.task;
  const entry = Object.values(Object.values(doc.last_metrics)[0] as object)[0];
  assert.deepEqual(entry, {
    metric: 'loss',
    variant: 'train',
    value: 4,
    min_value: 3,
    min_value_iteration: 10,
    max_value: 7,
    max_value_iteration: 20,
    first_value: 5,
    mean_value: 4.75,
    count: 4,
  });
  assert.equal(doc.last_iteration, 30);
  const [mh] = Object.keys(doc.last_metrics);
  assert.equal(mh, createHash('md5').update('loss').digest('hex'));
});

test('out-of-order and repeated iterations are folded in correctly', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  await addEvents(
    server,
    [10, 20, 30].map((iter) => scalar(task, 'm', 'v', iter, iter)),
  );
  await addEvents(server, [scalar(task, 'm', 'v', 20, 100), scalar(task, 'm', 'v', 5, -1)]);
  const doc = (await server.call('tasks.get_by_id', { task })).data.task;
  const entry = Object.values(Object.values(doc.last_metrics)[0] as object)[0];
  assert.equal(entry.count, 4);
  assert.equal(entry.first_value, -1);
  assert.equal(entry.max_value, 100);
  assert.equal(entry.max_value_iteration, 20);
  assert.equal(entry.value, 30);
  const hist = await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: [task] });
  assert.deepEqual(hist.data.metrics.m.v[task].x, [5, 10, 20, 30]);
  assert.deepEqual(hist.data.metrics.m.v[task].y, [-1, 10, 100, 30]);
});

test('invalid events are reported with index and reason, valid ones stored', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  const unknownTask = 'd'.repeat(32);
  const body = [
    JSON.stringify(scalar(task, 'loss', 'train', 1, 1)),
    '{"type": "training_stats_scalar", "task": ', // malformed line
    JSON.stringify({ ...scalar(task, 'loss', 'train', 2, 1), value: 'high' }),
    JSON.stringify(scalar(unknownTask, 'loss', 'train', 2, 1)),
    JSON.stringify({ type: 'training_stats_vector', task, metric: 'x', variant: 'y', values: [1] }),
    JSON.stringify({ type: 'log', task, level: 'info', msg: 'hello', worker: 'w' }),
    JSON.stringify({ type: 'plot', task, metric: 'p', variant: 'v', iter: 1, plot_str: '{}', model_event: false }),
    JSON.stringify({ type: 'training_debug_image', task, metric: 'img', variant: 'a', iter: 1, url: '/files/a.png', key: 'k' }),
  ].join('\n');
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/v2.23/events.add_batch',
    headers: { 'content-type': 'application/json-lines' },
    payload: body,
  });
  assert.equal(response.statusCode, 200);
  const data = response.json().data;
  assert.equal(data.added, 4);
  assert.equal(data.errors, 4);
  const keys = Object.keys(data.errors_info);
  assert.equal(keys.length, 4);
  assert.match(keys[0], /^event 1: malformed JSON line/);
  assert.match(keys[1], /^event 2: 'value' must be a finite number/);
  assert.match(keys[2], new RegExp(`^event 3: invalid task id ${unknownTask}`));
  assert.match(keys[3], /^event 4: unsupported event type "training_stats_vector"/);
  const metrics = await server.call('events.get_multi_task_metrics', { tasks: [task], event_type: 'training_stats_scalar' });
  assert.deepEqual(metrics.data.metrics, [{ metric: 'loss', variants: ['train'] }]);
});

test('x-ndjson bodies are accepted too; text/plain (what a page can send to another site) is refused', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  for (const type of ['application/x-ndjson', 'application/jsonlines', 'text/plain']) {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/events.add_batch',
      headers: { 'content-type': type },
      payload: JSON.stringify(scalar(task, 'a', type, 1, 1)),
    });
    if (type === 'text/plain') {
      assert.equal(response.statusCode, 415);
      assert.match(response.json().meta.result_msg, /Unsupported Content-Type "text\/plain"/);
    } else {
      assert.equal(response.json().data.added, 1, type);
    }
  }
  const stored = await server.call('events.get_multi_task_metrics', { tasks: [task] });
  assert.deepEqual(stored.data.metrics, [{ metric: 'a', variants: ['application/jsonlines', 'application/x-ndjson'] }]);
});

test('a batch that fails in the database stores nothing', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  server.app.repos.db.exec(
    "CREATE TRIGGER refuse_plot BEFORE INSERT ON plots WHEN NEW.metric = 'boom' BEGIN SELECT RAISE(ABORT, 'forced failure'); END",
  );
  const reply = await addEvents(server, [
    scalar(task, 'loss', 'train', 1, 1),
    scalar(task, 'loss', 'train', 2, 2),
    { type: 'log', task, level: 'info', msg: 'x' },
    { type: 'plot', task, metric: 'boom', variant: 'v', iter: 1, plot_str: '{}' },
  ]);
  assert.equal(reply.status, 500);
  assert.equal(reply.meta.result_code, 500);
  const metrics = await server.call('events.get_multi_task_metrics', { tasks: [task], event_type: 'training_stats_scalar' });
  assert.deepEqual(metrics.data.metrics, []);
  const doc = (await server.call('tasks.get_by_id', { task })).data.task;
  assert.deepEqual(doc.last_metrics, {});
  assert.equal(doc.last_iteration, 0);
  const count = server.app.repos.db
    .prepare('SELECT (SELECT count(*) FROM scalars) + (SELECT count(*) FROM logs) + (SELECT count(*) FROM scalar_rollups)')
    .pluck()
    .get();
  assert.equal(count, 0);
  // The next good batch still works.
  assert.equal((await addEvents(server, [scalar(task, 'loss', 'train', 1, 1)])).data.added, 1);
});

test('an oversized body is refused with a 413 envelope', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/events.add_batch',
    headers: { 'content-type': 'application/json-lines' },
    payload: Buffer.alloc(64 * 1024 * 1024 + 10, 0x20),
  });
  assert.equal(response.statusCode, 413);
  const body = response.json();
  assert.equal(body.meta.result_code, 413);
  assert.match(body.meta.result_msg, /too large/);
  assert.deepEqual(body.data, {});
});

test('single values go to get_task_single_value_metrics and never to histograms', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server), { name: 'single' });
  await addEvents(server, [scalar(task, 'Summary', 'test_accuracy', -2147483648, 0.93), scalar(task, 'loss', 'train', 1, 2)]);
  const singles = await server.call('events.get_task_single_value_metrics', { tasks: [task] });
  assert.equal(singles.data.tasks.length, 1);
  assert.equal(singles.data.tasks[0].task_name, 'single');
  assert.deepEqual(
    singles.data.tasks[0].values.map((v: { metric: string; variant: string; value: number }) => [v.metric, v.variant, v.value]),
    [['Summary', 'test_accuracy', 0.93]],
  );
  const hist = await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: [task] });
  assert.deepEqual(Object.keys(hist.data.metrics), ['loss']);
  const doc = (await server.call('tasks.get_by_id', { task })).data.task;
  assert.equal(doc.last_iteration, 1);
});

test("get_multi_task_metrics lists the union of the tasks' scalar variants, each once, sorted", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const [a, b] = [await createTask(server, project), await createTask(server, project)];
  await addEvents(server, [
    scalar(a, 'loss', 'val', 1, 1),
    scalar(a, 'loss', 'train', 1, 1),
    scalar(b, 'loss', 'train', 1, 2),
    scalar(b, 'accuracy', 'val', 1, 0.5),
  ]);
  const both = await server.call('events.get_multi_task_metrics', { tasks: [b, a], event_type: 'training_stats_scalar' });
  assert.deepEqual(both.data.metrics, [
    { metric: 'accuracy', variants: ['val'] },
    { metric: 'loss', variants: ['train', 'val'] },
  ]);
  const perTask = await server.call('events.get_task_metrics', { tasks: [a, b] });
  assert.deepEqual(perTask.data.metrics, [
    { task: a, metrics: ['loss'] },
    { task: b, metrics: ['accuracy', 'loss'] },
  ]);
});

test('get_all_ex gives every task its own last_metrics, keyed by the md5 of the names, single values included', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const [a, b] = [await createTask(server, project), await createTask(server, project)];
  await addEvents(server, [
    scalar(a, 'loss', 'train', 1, 3),
    scalar(a, 'loss', 'train', 2, 1),
    scalar(a, 'acc', 'val', 2, 0.5),
    scalar(b, 'loss', 'train', 5, 9),
    { ...scalar(b, 'Summary', 'test_accuracy', -2147483648, 0.91) },
  ]);
  const { tasks } = (await server.call('tasks.get_all_ex', { id: [b, a], only_fields: ['id', 'last_metrics'] })).data;
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const [docB, docA] = tasks as {
    id: string;
    last_metrics: Record<string, Record<string, { value: number; min_value: number; count: number }>>;
  }[];
  assert.deepEqual([docB.id, docA.id], [b, a]);
  assert.deepEqual(Object.keys(docA.last_metrics).sort(), [md5('acc'), md5('loss')].sort());
  assert.deepEqual(
    [
      docA.last_metrics[md5('loss')][md5('train')].value,
      docA.last_metrics[md5('loss')][md5('train')].min_value,
      docA.last_metrics[md5('loss')][md5('train')].count,
    ],
    [1, 1, 2],
  );
  assert.equal(docB.last_metrics[md5('loss')][md5('train')].value, 9);
  assert.equal(docB.last_metrics[md5('Summary')][md5('test_accuracy')].value, 0.91);
  assert.equal(docA.last_metrics[md5('Summary')], undefined);
});

test('last_metrics read again follows new points, a reset and points written by another connection', async (t) => {
  const dir = tempDir();
  const dbPath = join(dir, 'shared.db');
  const server = await startServer({ dbPath });
  const other = openRepositories(dbPath).repos;
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  t.after(async () => {
    other.db.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const task = await createTask(server, await createProject(server));
  const loss = async () => {
    const [doc] = (await server.call('tasks.get_all_ex', { id: [task], only_fields: ['id', 'last_metrics'] })).data.tasks;
    return doc.last_metrics[md5('loss')]?.[md5('train')] as { value: number; count: number } | undefined;
  };
  await addEvents(server, [scalar(task, 'loss', 'train', 1, 3)]);
  assert.deepEqual(await loss().then((e) => [e?.value, e?.count]), [3, 1]);
  assert.deepEqual(await loss().then((e) => [e?.value, e?.count]), [3, 1], 'asked again, unchanged');
  await addEvents(server, [scalar(task, 'loss', 'train', 2, 2)]);
  assert.deepEqual(await loss().then((e) => [e?.value, e?.count]), [2, 2]);
  // Another connection (another process) appends a point.
  other.transaction(() => other.scalars.addSeriesPoints(task, 'loss', 'train', [{ iter: 3, value: 1.5, ts: 1e12 }]));
  assert.deepEqual(await loss().then((e) => [e?.value, e?.count]), [1.5, 3]);
  await server.call('tasks.reset', { task });
  assert.equal(await loss(), undefined);
});

test('a repeated point in a series of 70,000 points rewrites it: 200, statistics and charts follow', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  const points = 70_000;
  for (let start = 0; start < points; start += 10_000) {
    const batch = Array.from({ length: 10_000 }, (_, i) => scalar(task, 'loss', 'train', start + i, start + i));
    assert.equal((await addEvents(server, batch)).data.added, 10_000);
  }
  // An SDK retrying a stored batch sends points the series already has; one of them changed.
  const retried = await addEvents(server, [scalar(task, 'loss', 'train', 5, -1), scalar(task, 'loss', 'train', 69_999, 69_999)]);
  assert.equal(retried.status, 200, JSON.stringify(retried.meta));
  assert.equal(retried.data.added, 2);
  const [series] = server.app.repos.scalars.seriesOfTasks([task]);
  assert.equal(series.count, points);
  assert.equal(series.min_value, -1);
  assert.equal(series.min_iter, 5);
  assert.equal(series.value, 69_999);
  const chart = await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: [task], samples: 100, envelope: true });
  assert.equal(chart.status, 200);
  const line = chart.data.metrics.loss.train[task];
  assert.equal(Math.min(...line.y_min), -1, 'the rewritten point is in the rebuilt rollups');
  assert.equal(Math.max(...line.y_max), 69_999);
});
