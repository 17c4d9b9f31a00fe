import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from './helpers';

test('the demo seed gives the app what it needs', async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.close());
  const projects = (await server.call('projects.get_all_ex', {})).data.projects;
  const cifar = projects.find((p: { name: string }) => p.name === 'CIFAR-10 sweep');
  const speech = projects.find((p: { name: string }) => p.name === 'Speech commands');
  assert.ok(cifar && speech);
  const tasks = (
    await server.call('tasks.get_all_ex', { project: [cifar.id], only_fields: ['name', 'status', 'hyperparams', 'last_iteration'] })
  ).data.tasks;
  assert.ok(tasks.length >= 12, `${tasks.length} CIFAR tasks`);
  assert.ok(tasks.every((t: { hyperparams: object }) => 'Args' in t.hyperparams));
  const statuses = new Set(tasks.map((t: { status: string }) => t.status));
  for (const status of ['completed', 'failed', 'in_progress']) assert.ok(statuses.has(status), status);
  const ids = tasks.map((t: { id: string }) => t.id).slice(0, 12);

  const scalars = await server.call('events.get_multi_task_metrics', { tasks: ids, event_type: 'training_stats_scalar' });
  const names = scalars.data.metrics.map((m: { metric: string }) => m.metric);
  for (const metric of ['loss', 'accuracy', 'learning_rate']) assert.ok(names.includes(metric), metric);
  const hist = await server.call('events.multi_task_scalar_metrics_iter_histogram', {
    envelope: true,
    tasks: ids,
    metrics: [{ metric: 'loss', variants: ['train'] }],
  });
  const series = Object.values(hist.data.metrics.loss.train) as { x: number[]; total: number }[];
  assert.equal(series.length, 12);
  assert.ok(series.some((s) => s.total >= 2000));

  const plots = await server.call('events.get_multi_task_plots', { tasks: ids });
  assert.ok(Object.keys(plots.data.plots).length >= 3);
  const singles = await server.call('events.get_task_single_value_metrics', { tasks: ids });
  assert.ok(singles.data.tasks.some((t: { values: unknown[] }) => t.values.length > 0));

  const images = await server.call('events.debug_images', { metrics: [{ task: ids[0] }], iters: 1 });
  const event = images.data.metrics[0].iterations[0].events[0];
  // Stored as /files/..., answered as an absolute URL on the request's origin.
  const path = new URL(event.url).pathname;
  assert.match(path, /^\/files\//);
  const file = join(server.filesDir, decodeURI(path.slice('/files/'.length)));
  assert.ok(existsSync(file), file);
  const served = await server.app.inject({ method: 'GET', url: path });
  assert.equal(served.statusCode, 200);
  assert.deepEqual(served.rawPayload, readFileSync(file));

  const speechTasks = (await server.call('tasks.get_all_ex', { project: [speech.id], only_fields: ['id'] })).data.tasks;
  assert.ok(speechTasks.length >= 2);
  const audio = await server.call('events.debug_images', { metrics: speechTasks.map((t: { id: string }) => ({ task: t.id })), iters: 1 });
  const urls = audio.data.metrics.flatMap((m: { iterations: { events: { url: string }[] }[] }) =>
    m.iterations.flatMap((i) => i.events.map((e) => e.url)),
  );
  assert.ok(urls.some((u: string) => u.endsWith('.wav')));
});
