import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openRepositories } from '../src/db/repositories';
import { addEvents, createProject, createTask, scalar, startServer, tempDir, type TestServer } from './helpers';

const HISTOGRAM = 'events.multi_task_scalar_metrics_iter_histogram';

/** Deterministic noise with one spike at iteration 33,333. */
function valueAt(iter: number): number {
  if (iter === 33_333) return 1000;
  return Math.sin(iter / 500) + ((iter * 7919) % 101) / 1000;
}

/** `actual` is `expected` to 8 significant digits (half a unit of the 8th digit). */
function assertEightDigits(actual: number, expected: number) {
  assert.ok(Math.abs(actual - expected) <= 5.000001e-8 * Math.abs(expected), `${actual} vs ${expected}`);
}

/** Significant digits in a number's shortest JSON form. */
function significantDigits(value: number): number {
  const mantissa = JSON.stringify(Math.abs(value)).split('e')[0].replace('.', '').replace(/^0+/, '');
  return mantissa.length;
}

async function longSeries(server: TestServer, task: string, points: number) {
  const events = [];
  for (let iter = 0; iter < points; iter++) events.push(scalar(task, 'loss', 'train', iter, valueAt(iter)));
  for (let i = 0; i < events.length; i += 20_000) await addEvents(server, events.slice(i, i + 20_000));
}

test('a long series: at most `samples` points, the spike kept in y_max, means in y', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server), { name: 'long' });
  await longSeries(server, task, 100_000);
  for (const samples of [2000, 500, 6000, 1]) {
    const reply = await server.call(HISTOGRAM, { envelope: true, tasks: [task], samples });
    const series = reply.data.metrics.loss.train[task];
    assert.equal(series.name, 'long');
    assert.ok(series.x.length <= samples, `${series.x.length} <= ${samples}`);
    assert.ok(series.x.length >= samples / 4, `${series.x.length} points for ${samples}`);
    assert.equal(series.total, 100_000);
    assert.equal(series.y.length, series.x.length);
    assert.equal(Math.max(...series.y_max), 1000, 'spike kept');
    assert.ok(Math.max(...series.y) < 1000 || samples === 1, 'mean dilutes the spike');
    for (let i = 0; i < series.x.length; i++) {
      assert.ok(series.y_min[i] <= series.y[i] + 1e-9 && series.y[i] <= series.y_max[i] + 1e-9);
      if (i) assert.ok(series.x[i] > series.x[i - 1]);
    }
  }
  // Bucket means agree with the raw points.
  const reply = await server.call(HISTOGRAM, { envelope: true, tasks: [task], samples: 1000 });
  const series = reply.data.metrics.loss.train[task];
  const width = 128; // 100,000 iterations / 1000 samples -> 2^7
  const bucket = 10;
  let sum = 0;
  for (let iter = bucket * width; iter < (bucket + 1) * width; iter++) sum += valueAt(iter);
  assert.equal(series.x[bucket], Math.round(bucket * width + (width - 1) / 2));
  assertEightDigits(series.y[bucket], sum / width);
});

test('a short series comes back exact', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  const points = [
    [0, 1.5],
    [3, 2.25],
    [7, -4],
    [100, 0.125],
  ];
  await addEvents(
    server,
    points.map(([iter, v]) => scalar(task, 'acc', 'val', iter, v)),
  );
  const reply = await server.call(HISTOGRAM, { envelope: true, tasks: [task] });
  const series = reply.data.metrics.acc.val[task];
  assert.deepEqual(series.x, [0, 3, 7, 100]);
  assert.deepEqual(series.y, [1.5, 2.25, -4, 0.125]);
  assert.deepEqual(series.y_min, series.y);
  assert.deepEqual(series.y_max, series.y);
  assert.equal(series.total, 4);
  const timestamps = await server.call(HISTOGRAM, { envelope: true, tasks: [task], key: 'timestamp' });
  assert.deepEqual(
    timestamps.data.metrics.acc.val[task].x,
    points.map(([iter]) => 1_700_000_000_000 + iter * 1000),
  );
  const iso = await server.call(HISTOGRAM, { envelope: true, tasks: [task], key: 'iso_time' });
  assert.equal(iso.data.metrics.acc.val[task].x[0], new Date(1_700_000_000_000).toISOString());
});

test('x_range zooms in with the same resolution', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  await longSeries(server, task, 100_000);
  const zoom = await server.call(HISTOGRAM, { envelope: true, tasks: [task], samples: 1000, x_range: [30_000, 40_000] });
  const series = zoom.data.metrics.loss.train[task];
  assert.ok(series.x.length <= 1000 && series.x.length >= 500, `${series.x.length}`);
  assert.ok(series.x[0] >= 29_990 && series.x.at(-1) <= 40_010);
  assert.equal(Math.max(...series.y_max), 1000);
  const exact = await server.call(HISTOGRAM, { envelope: true, tasks: [task], samples: 1000, x_range: [500, 1200] });
  const small = exact.data.metrics.loss.train[task];
  assert.equal(small.x.length, 701);
  assert.equal(small.x[0], 500);
  assertEightDigits(small.y[0], valueAt(500));
  // Values come at single precision: 8 significant digits at most, so answers stay short.
  for (const v of [...series.y, ...series.y_min, ...series.y_max, ...small.y]) {
    assert.ok(significantDigits(v) <= 8, `${v} has more than 8 significant digits`);
  }
  const byTime = await server.call(HISTOGRAM, {
    tasks: [task],
    samples: 1000,
    key: 'timestamp',
    x_range: [1_700_000_000_000 + 30_000_000, 1_700_000_000_000 + 40_000_000],
  });
  const timed = byTime.data.metrics.loss.train[task];
  assert.ok(timed.x.length >= 500 && timed.x.length <= 1000, `${timed.x.length}`);
  assert.ok(timed.x[0] >= 1_700_000_000_000 + 30_000_000 && timed.x.at(-1) <= 1_700_000_000_000 + 40_000_000);
  const bad = await server.call(HISTOGRAM, { envelope: true, tasks: [task], x_range: [5, 1] });
  assert.equal(bad.meta.result_subcode, 12);
});

test('metrics filter, several tasks, unknown ids and more than 100 tasks', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const a = await createTask(server, project, { name: 'a' });
  const b = await createTask(server, project, { name: 'b' });
  await addEvents(server, [
    scalar(a, 'loss', 'train', 1, 1),
    scalar(a, 'loss', 'val', 1, 2),
    scalar(b, 'loss', 'train', 1, 3),
    scalar(b, 'acc', 'val', 1, 4),
  ]);
  const reply = await server.call(HISTOGRAM, { envelope: true, tasks: [a, b], metrics: [{ metric: 'loss', variants: ['train'] }] });
  assert.deepEqual(Object.keys(reply.data.metrics), ['loss']);
  assert.deepEqual(Object.keys(reply.data.metrics.loss), ['train']);
  assert.deepEqual(Object.keys(reply.data.metrics.loss.train).sort(), [a, b].sort());
  const unknown = 'e'.repeat(32);
  const missing = await server.call(HISTOGRAM, { envelope: true, tasks: [a, unknown] });
  assert.equal(missing.status, 400);
  assert.equal(missing.meta.result_subcode, 101);
  assert.deepEqual(missing.meta.error_data.ids, [unknown]);
  const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
  const tooMany = await server.call(HISTOGRAM, { envelope: true, tasks: many });
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.meta.result_subcode, 1001);
  const emptyList = await server.call(HISTOGRAM, { envelope: true, tasks: [] });
  assert.equal(emptyList.meta.result_subcode, 12);
});

test('a repeated histogram query follows every change to the series and the task', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const task = await createTask(server, project, { name: 'before' });
  await longSeries(server, task, 5000);
  const ask = async () => {
    const reply = await server.app.inject({
      method: 'POST',
      url: '/api/v2.31/' + HISTOGRAM,
      payload: { envelope: true, tasks: [task], samples: 100 },
    });
    assert.equal(reply.statusCode, 200);
    assert.match(reply.headers['content-type'] as string, /^application\/json/);
    assert.equal(Number(reply.headers['content-length']), reply.rawPayload.length);
    const body = reply.json();
    assert.equal(body.meta.result_code, 200);
    assert.equal(body.meta.endpoint.name, HISTOGRAM);
    return body.data.metrics.loss.train[task];
  };
  const first = await ask();
  assert.deepEqual(await ask(), first, 'the same answer when nothing changed');
  assert.equal(first.name, 'before');
  assert.equal(first.total, 5000);

  // New points after the last iteration.
  await addEvents(server, [scalar(task, 'loss', 'train', 6000, 5000)]);
  const appended = await ask();
  assert.equal(appended.total, 5001);
  assert.equal(Math.max(...appended.y_max), 5000);

  // A rewrite of an earlier iteration: same count, same last iteration.
  await addEvents(server, [scalar(task, 'loss', 'train', 10, -7000)]);
  const rewritten = await ask();
  assert.equal(rewritten.total, 5001);
  assert.equal(Math.min(...rewritten.y_min), -7000);

  // The task's name is not part of what is kept.
  await server.call('tasks.edit', { task, name: 'after' });
  assert.equal((await ask()).name, 'after');

  // A reset empties the series; new reports start it again.
  await server.call('tasks.reset', { task, force: true });
  const reply = await server.call(HISTOGRAM, { envelope: true, tasks: [task], samples: 100 });
  assert.deepEqual(reply.data.metrics, {});
  await addEvents(server, [scalar(task, 'loss', 'train', 1, 42)]);
  const again = await ask();
  assert.deepEqual([again.x, again.y, again.total], [[1], [42], 1]);
});

test('points written by another process to the same database file show in the next histogram', async (t) => {
  const dir = tempDir();
  const dbPath = join(dir, 'shared.db');
  const server = await startServer({ dbPath });
  const other = openRepositories(dbPath).repos;
  t.after(async () => {
    other.db.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const task = await createTask(server, await createProject(server), { name: 'shared' });
  await addEvents(server, [scalar(task, 'loss', 'train', 1, 1), scalar(task, 'loss', 'train', 2, 2)]);
  const ask = async () => (await server.call(HISTOGRAM, { envelope: true, tasks: [task], samples: 100 })).data.metrics;
  assert.deepEqual((await ask()).loss.train[task].y, [1, 2]);
  // Another connection (another process) appends a point and adds a series.
  other.transaction(() => {
    other.scalars.addSeriesPoints(task, 'loss', 'train', [{ iter: 3, value: 3.5, ts: 1e12 }]);
    other.scalars.addSeriesPoints(task, 'accuracy', 'val', [{ iter: 3, value: 0.25, ts: 1e12 }]);
  });
  const after = await ask();
  assert.deepEqual(after.loss.train[task].y, [1, 2, 3.5]);
  assert.deepEqual(after.accuracy.val[task].y, [0.25]);
});

test('a bucket whose sum overflows comes back as null, and the answer stays JSON', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server), { name: 'huge' });
  const events = Array.from({ length: 4000 }, (_, iter) => scalar(task, 'loss', 'train', iter, iter < 8 ? 1.7e308 : 1));
  await addEvents(server, events);
  const reply = await server.app.inject({
    method: 'POST',
    url: '/api/v2.31/' + HISTOGRAM,
    payload: { envelope: true, tasks: [task], samples: 100 },
  });
  assert.equal(reply.statusCode, 200);
  const series = JSON.parse(reply.body).data.metrics.loss.train[task];
  assert.equal(series.y[0], null, 'the mean of two 1.7e308 values is not a finite number');
  assert.equal(series.y_max[0], 1.7e308);
  assert.equal(series.y.at(-1), 1);
  assert.equal(series.total, 4000);
});

test('events.multi_task_scalar_metrics_iter_histogram (schema/services/events.conf): {name, x, y} per series; y_min/y_max/total only with envelope: true, never in plain mode', async (t) => {
  const full = await startServer();
  const plain = await startServer({ plainClearml: true });
  t.after(async () => {
    await full.close();
    await plain.close();
  });
  for (const server of [full, plain]) {
    const task = await createTask(server, await createProject(server));
    await addEvents(
      server,
      [1, 2, 3].map((i) => scalar(task, 'loss', 'train', i, i * 2)),
    );
    const bare = (await server.call(HISTOGRAM, { tasks: [task] })).data.metrics.loss.train[task];
    assert.deepEqual(Object.keys(bare).sort(), ['name', 'x', 'y']);
    assert.deepEqual(
      [bare.x, bare.y],
      [
        [1, 2, 3],
        [2, 4, 6],
      ],
    );
    const asked = (await server.call(HISTOGRAM, { tasks: [task], envelope: true })).data.metrics.loss.train[task];
    if (server === full) assert.deepEqual([asked.y_min, asked.y_max, asked.total], [[2, 4, 6], [2, 4, 6], 3]);
    else assert.deepEqual(Object.keys(asked).sort(), ['name', 'x', 'y']);
    // x_range is this server's extension: a plain server ignores it.
    const window = (await server.call(HISTOGRAM, { tasks: [task], x_range: [2, 3] })).data.metrics.loss.train[task];
    assert.deepEqual(window.x, server === full ? [2, 3] : [1, 2, 3]);
  }
});
