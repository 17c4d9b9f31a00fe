import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addEvents, createProject, createTask, scalar, startServer } from './helpers';

const single = (task: string, metric: string, variant: string, value: number) => ({
  type: 'training_stats_scalar',
  task,
  metric,
  variant,
  iter: -(2 ** 31),
  value,
  timestamp: 1_700_000_000_000,
});

test('events.get_multi_task_metrics (schema/services/events.conf): single-value metrics are listed with the scalars; no event_type lists every type', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const a = await createTask(server, project);
  const b = await createTask(server, project);
  await addEvents(server, [
    scalar(a, 'loss', 'train', 1, 0.5),
    single(b, 'Summary', 'accuracy', 0.9),
    { type: 'training_debug_image', task: a, metric: 'samples', variant: 'img', iter: 1, url: 'http://x/a.png', timestamp: 1 },
  ]);
  const scalars = await server.call('events.get_multi_task_metrics', { tasks: [a, b], event_type: 'training_stats_scalar' });
  assert.deepEqual(scalars.data.metrics, [
    { metric: 'Summary', variants: ['accuracy'] },
    { metric: 'loss', variants: ['train'] },
  ]);
  const all = await server.call('events.get_multi_task_metrics', { tasks: [a, b] });
  assert.deepEqual(
    all.data.metrics.map((m: { metric: string }) => m.metric),
    ['Summary', 'loss', 'samples'],
  );
});

test('events.get_task_single_value_metrics (schema/services/events.conf): tasks without single values are left out', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const a = await createTask(server, project, { name: 'with' });
  const b = await createTask(server, project, { name: 'without' });
  await addEvents(server, [single(a, 'Summary', 'accuracy', 0.9), scalar(b, 'loss', 'train', 1, 0.5)]);
  const reply = await server.call('events.get_task_single_value_metrics', { tasks: [a, b] });
  assert.deepEqual(reply.data.tasks, [
    { task: a, task_name: 'with', values: [{ metric: 'Summary', variant: 'accuracy', value: 0.9, timestamp: 1_700_000_000_000 }] },
  ]);
  const filtered = await server.call('events.get_task_single_value_metrics', { tasks: [a, b], metrics: [{ metric: 'other' }] });
  assert.deepEqual(filtered.data.tasks, []);
});
