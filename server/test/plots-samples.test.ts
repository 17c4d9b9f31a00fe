import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addEvents, createProject, createTask, startServer, tempDir, type TestServer } from './helpers';

function sample(task: string, metric: string, variant: string, iter: number) {
  return {
    type: 'training_debug_image',
    task,
    metric,
    variant,
    iter,
    url: `/files/${task}/${metric}/${variant}/${iter}.png`,
    timestamp: 1e12 + iter,
  };
}

async function seedSamples(server: TestServer, task: string) {
  const events = [];
  for (const iter of [100, 200, 300, 400, 500]) {
    for (const variant of ['cat', 'dog']) events.push(sample(task, 'predictions', variant, iter));
    if (iter % 200 === 0) events.push(sample(task, 'augmentations', 'flip', iter));
  }
  await addEvents(server, events);
}

test('plots: the last iteration per task, metric and variant, in the ClearML shape', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const a = await createTask(server, project, { name: 'A' });
  const b = await createTask(server, project, { name: 'B' });
  const plot = (task: string, metric: string, variant: string, iter: number) => ({
    type: 'plot',
    task,
    metric,
    variant,
    iter,
    plot_str: JSON.stringify({ data: [{ type: 'heatmap', z: [[iter]] }], layout: {} }),
  });
  await addEvents(server, [
    plot(a, 'confusion', 'val', 10),
    plot(a, 'confusion', 'val', 20),
    plot(a, 'roc', 'cat', 20),
    plot(b, 'confusion', 'val', 5),
  ]);
  const reply = await server.call('events.get_multi_task_plots', { tasks: [a, b] });
  assert.equal(reply.status, 200);
  const { plots } = reply.data;
  assert.deepEqual(Object.keys(plots).sort(), ['confusion', 'roc']);
  assert.deepEqual(Object.keys(plots.confusion.val[a]), ['20']);
  assert.equal(plots.confusion.val[a]['20'].name, 'A');
  const event = plots.confusion.val[a]['20'].plots[0];
  assert.equal(event.type, 'plot');
  assert.equal(event.iter, 20);
  assert.deepEqual(JSON.parse(event.plot_str).data[0].z, [[20]]);
  assert.deepEqual(Object.keys(plots.confusion.val[b]), ['5']);
  assert.equal(reply.data.returned, 3);
  assert.equal(typeof reply.data.scroll_id, 'string');
  const more = await server.call('events.get_multi_task_plots', { tasks: [a, b], scroll_id: reply.data.scroll_id });
  assert.deepEqual(more.data.plots, {});
  const two = await server.call('events.get_multi_task_plots', { tasks: [a], iters: 2, metrics: [{ metric: 'confusion' }] });
  assert.deepEqual(Object.keys(two.data.plots.confusion.val[a]).sort(), ['10', '20']);
  const metrics = await server.call('events.get_multi_task_metrics', { tasks: [a, b], event_type: 'plot' });
  assert.deepEqual(metrics.data.metrics, [
    { metric: 'confusion', variants: ['val'] },
    { metric: 'roc', variants: ['cat'] },
  ]);
  const perTask = await server.call('events.get_task_metrics', { tasks: [a, b], event_type: 'plot' });
  assert.deepEqual(perTask.data.metrics, [
    { task: a, metrics: ['confusion', 'roc'] },
    { task: b, metrics: ['confusion'] },
  ]);
  const badScroll = await server.call('events.get_multi_task_plots', { tasks: [a], scroll_id: 'garbage' });
  assert.equal(badScroll.meta.result_subcode, 12);
});

test('debug_images pages iterations newest first, and jumps to an iteration', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  await seedSamples(server, task);
  const first = await server.call('events.debug_images', { metrics: [{ task, metric: 'predictions' }], iters: 2 });
  assert.equal(first.status, 200);
  const iters = (reply: typeof first) => reply.data.metrics[0].iterations.map((i: { iter: number }) => i.iter);
  assert.deepEqual(iters(first), [500, 400]);
  assert.deepEqual(
    first.data.metrics[0].iterations[0].events.map((e: { variant: string }) => e.variant),
    ['cat', 'dog'],
  );
  // A file this server stores comes back as an absolute URL on the request's origin.
  const url = new URL(first.data.metrics[0].iterations[0].events[0].url);
  assert.equal(url.pathname, `/files/${task}/predictions/cat/500.png`);
  assert.equal(url.origin, 'http://localhost');
  const second = await server.call('events.debug_images', {
    metrics: [{ task, metric: 'predictions' }],
    iters: 2,
    scroll_id: first.data.scroll_id,
  });
  assert.deepEqual(iters(second), [300, 200]);
  const back = await server.call('events.debug_images', {
    metrics: [{ task, metric: 'predictions' }],
    iters: 2,
    scroll_id: second.data.scroll_id,
    navigate_earlier: false,
  });
  assert.deepEqual(iters(back), [500, 400]);
  const refreshed = await server.call('events.debug_images', {
    metrics: [{ task, metric: 'predictions' }],
    iters: 1,
    scroll_id: second.data.scroll_id,
    refresh: true,
  });
  assert.deepEqual(iters(refreshed), [500]);
  const jump = await server.call('events.debug_images', { metrics: [{ task, metric: 'predictions', iteration: 350 }], iters: 2 });
  assert.deepEqual(iters(jump), [300, 200]);
  const all = await server.call('events.debug_images', { metrics: [{ task }], iters: 2 });
  assert.deepEqual(iters(all), [500, 400]);
  assert.deepEqual(
    all.data.metrics[0].iterations[1].events.map((e: { metric: string }) => e.metric),
    ['augmentations', 'predictions', 'predictions'],
  );
  const unknown = await server.call('events.debug_images', { metrics: [{ task: 'a'.repeat(32) }] });
  assert.equal(unknown.meta.result_subcode, 101);
  const metrics = await server.call('events.get_multi_task_metrics', { tasks: [task], event_type: 'training_debug_image' });
  assert.deepEqual(metrics.data.metrics, [
    { metric: 'augmentations', variants: ['flip'] },
    { metric: 'predictions', variants: ['cat', 'dog'] },
  ]);
});

test('get_debug_image_sample and next_debug_image_sample walk variants and iterations', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  await seedSamples(server, task);
  const latest = await server.call('events.get_debug_image_sample', { task, metric: 'predictions', variant: 'cat' });
  assert.equal(latest.data.event.iter, 500);
  assert.equal(latest.data.min_iteration, 100);
  assert.equal(latest.data.max_iteration, 500);
  const at = await server.call('events.get_debug_image_sample', { task, metric: 'predictions', variant: 'dog', iteration: 300 });
  assert.equal(at.data.event.iter, 300);
  assert.equal(at.data.event.variant, 'dog');
  const prevVariant = await server.call('events.next_debug_image_sample', { task, scroll_id: at.data.scroll_id });
  assert.deepEqual([prevVariant.data.event.variant, prevVariant.data.event.iter], ['cat', 300]);
  const nextVariant = await server.call('events.next_debug_image_sample', {
    task,
    scroll_id: prevVariant.data.scroll_id,
    navigate_earlier: false,
  });
  assert.deepEqual([nextVariant.data.event.variant, nextVariant.data.event.iter], ['dog', 300]);
  const earlierIter = await server.call('events.next_debug_image_sample', { task, scroll_id: at.data.scroll_id, next_iteration: true });
  assert.deepEqual([earlierIter.data.event.variant, earlierIter.data.event.iter], ['dog', 200]);
  const laterIter = await server.call('events.next_debug_image_sample', {
    task,
    scroll_id: latest.data.scroll_id,
    next_iteration: true,
    navigate_earlier: false,
  });
  assert.equal(laterIter.data.event, null);
  const bad = await server.call('events.next_debug_image_sample', { task, scroll_id: 'nope' });
  assert.equal(bad.meta.result_subcode, 12);
  const missing = await server.call('events.get_debug_image_sample', { task, metric: 'predictions' });
  assert.equal(missing.meta.result_subcode, 12);
  assert.match(missing.meta.result_msg, /variant/);
});

test('scroll ids survive a restart of the server on the same database file', async (t) => {
  const dir = tempDir();
  const dbPath = join(dir, 'compare.db');
  const filesDir = join(dir, 'files');
  t.after(async () => {
    rmSync(dir, { recursive: true, force: true });
  });
  let server = await startServer({ dbPath, filesDir });
  const task = await createTask(server, await createProject(server));
  await seedSamples(server, task);
  const first = await server.call('events.debug_images', { metrics: [{ task, metric: 'predictions' }], iters: 2 });
  const sampleAt = await server.call('events.get_debug_image_sample', { task, metric: 'predictions', variant: 'cat', iteration: 300 });
  await server.close();

  server = await startServer({ dbPath, filesDir });
  const second = await server.call('events.debug_images', {
    metrics: [{ task, metric: 'predictions' }],
    iters: 2,
    scroll_id: first.data.scroll_id,
  });
  assert.equal(second.status, 200);
  assert.deepEqual(
    second.data.metrics[0].iterations.map((i: { iter: number }) => i.iter),
    [300, 200],
  );
  const next = await server.call('events.next_debug_image_sample', { task, scroll_id: sampleAt.data.scroll_id, next_iteration: true });
  assert.equal(next.data.event.iter, 200);
  await server.close();
});

test('logs come back through events.get_task_log', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  await addEvents(server, [
    { type: 'log', task, level: 'warning', msg: 'first', timestamp: 1 },
    { type: 'log', task, msg: 'second', timestamp: 2 },
  ]);
  const reply = await server.call('events.get_task_log', { task });
  assert.deepEqual(
    reply.data.events.map((e: { msg: string; level: string }) => [e.msg, e.level]),
    [
      ['first', 'warning'],
      ['second', 'info'],
    ],
  );
});
