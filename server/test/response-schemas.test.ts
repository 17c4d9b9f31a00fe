import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { addEvents, scalar, startServer, tempDir, type ApiReply, type TestServer } from './helpers';

/** The envelope without what differs on every answer (its ids). */
function comparable(reply: ApiReply) {
  const meta = { ...reply.meta };
  delete meta.id;
  delete meta.trx;
  return { status: reply.status, meta, data: reply.data };
}

/**
 * Each request answers the same with response schemas (fast-json-stringify) as with JSON.stringify;
 * returns the answers' data (to chain scroll ids).
 */
async function assertSameAnswers(withSchemas: TestServer, without: TestServer, requests: [string, object][]) {
  const answers: any[] = [];
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
    answers.push(plain.data);
  }
  return answers;
}

/** Text JSON must escape, and some it need not. */
const ODD_TEXT = 'odd "quoted" \\ name\nnew line\ttab \u2028 \u0001 ✓ 日本 🙂 </script>';

/**
 * Besides the demo: a task with nulls, empty lists and sections, nested dicts and odd text; one
 * never started; a model without project or task; logs without iteration or worker; debug samples
 * with and without a key; a single value and a series with an x-axis label.
 */
async function addVariedData(server: TestServer): Promise<{ varied: string; bare: string; model: string }> {
  const demoTask = (await server.call('tasks.get_all_ex', { only_fields: ['id', 'project'], page_size: 1 })).data.tasks[0];
  const project = demoTask.project.id as string;
  const varied = (
    await server.call('tasks.create', {
      name: ODD_TEXT,
      type: 'training',
      project,
      parent: demoTask.id,
      comment: '',
      tags: [],
      system_tags: [],
      hyperparams: {
        Args: {
          lr: { section: 'Args', name: 'lr', value: 0.1, type: 'float' },
          flag: { section: 'Args', name: 'flag', value: true },
          none: { section: 'Args', name: 'none', value: null, description: ODD_TEXT },
          text: { section: 'Args', name: 'text', value: ODD_TEXT },
        },
        'Empty section': {},
      },
      configuration: {
        General: { name: 'General', value: '{"a": {"b": [1, null, {}]}}', type: 'dictionary' },
        Empty: {},
      },
      runtime: { nested: { deep: { list: [], none: null, small: 1.5e-7, big: 1e21, negative: -0.5 } }, when: '2026-01-02T03:04:05.678Z' },
      container: { image: '', arguments: null },
      script: { requirements: null, diff: '', entry_point: ODD_TEXT },
      execution: { artifacts: [], parameters: null, queue: 'no-such-queue' },
      models: { input: [], output: [] },
    })
  ).data.id as string;
  const bare = (await server.call('tasks.create', { name: 'bare', type: 'testing', project })).data.id as string;
  const model = (await server.call('models.create', { name: ODD_TEXT, uri: '', design: { layers: [] }, labels: {} })).data.id as string;
  assert.ok(varied && bare && model, 'the varied documents are created');
  assert.equal((await server.call('tasks.started', { task: varied })).status, 200);
  assert.equal((await server.call('tasks.add_or_update_model', { task: varied, name: 'weights', model, type: 'input' })).status, 200);
  const reply = await addEvents(server, [
    scalar(varied, 'loss', 'train', 0, 1),
    scalar(varied, 'loss', 'train', 1, 0.5),
    { ...scalar(varied, 'time', 'seconds', 3, 2.5), x_axis_label: 'seconds' },
    { ...scalar(varied, 'Summary', 'accuracy', -2147483648, 0.75) },
    { type: 'log', task: varied, timestamp: 1_700_000_000_000, msg: ODD_TEXT },
    { type: 'log', task: varied, timestamp: 1_700_000_001_000, iter: 2, level: 'warning', msg: '', worker: 'host' },
    { type: 'training_debug_image', task: varied, metric: 'images', variant: 'a', iter: 0, timestamp: 1, url: 'http://x/a.png' },
    { type: 'training_debug_image', task: varied, metric: 'images', variant: 'b', iter: 1, timestamp: 2, url: 'http://x/b.png', key: 'k' },
    { type: 'training_debug_image', task: varied, metric: ODD_TEXT, variant: ODD_TEXT, iter: 1, timestamp: 3, url: 'http://x/c.png' },
    {
      type: 'plot',
      task: varied,
      metric: 'plots',
      variant: ODD_TEXT,
      iter: 0,
      timestamp: 4,
      plot_str: '{"data": [], "layout": {"title": "\\u2028"}}',
    },
  ]);
  assert.equal(reply.status, 200);
  return { varied, bare, model };
}

const TASK_FIELDS = [
  ['id', 'name', 'status', 'created', 'started', 'completed', 'active_duration', 'last_iteration', 'last_worker'],
  ['hyperparams.Args', 'configuration', 'hyperparams.Empty section'],
  ['project.name', 'user.name', 'parent.name', 'models.input.model.name', 'models.input.model.uri', 'execution.queue.name'],
  ['last_metrics', 'output'],
  ['runtime.nested.deep', 'container', 'script.requirements', 'execution.artifacts'],
  ['name.nonsense', 'tags', 'system_tags', 'comment', 'status_reason', 'status_message', 'no_such_field'],
  ['parent.*', 'project.*'],
];

test('answers with response schemas equal JSON.stringify of the same handler results, on the demo data and varied documents', async (t) => {
  const dir = tempDir();
  const dbPath = join(dir, 'compare.db');
  const filesDir = join(dir, 'files');
  const seeding = await startServer({ dbPath, filesDir, demo: true });
  const { varied, bare, model } = await addVariedData(seeding);
  await seeding.close();
  const withSchemas = await startServer({ dbPath, filesDir, responseSchemas: 'all' });
  const without = await startServer({ dbPath, filesDir, responseSchemas: false });
  t.after(async () => {
    await withSchemas.close();
    await without.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const projects = (await without.call('projects.get_all_ex', {})).data.projects as { id: string }[];
  const tasks = (await without.call('tasks.get_all_ex', { only_fields: ['id'] })).data.tasks as { id: string }[];
  const models = (await without.call('models.get_all', {})).data.models as { id: string }[];
  assert.ok(projects.length > 0 && tasks.length > 1 && models.length > 1, 'the demo data is seeded');
  const taskIds = [varied, bare, ...tasks.slice(0, 5).map((task) => task.id)];
  const allIds = tasks.map((task) => task.id);
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
    ['projects.get_all_ex', { include_stats: false, order_by: ['-name'] }],
    ['projects.get_all_ex', { only_fields: ['name', 'basename'] }],
    ['projects.get_all', {}],
    ...projects.map((p): [string, object] => ['projects.get_by_id', { project: p.id }]),
    ['projects.get_task_tags', {}],
    ['projects.get_user_names', {}],
    ['tasks.get_all_ex', {}],
    ['tasks.get_all_ex', { search_hidden: true, order_by: ['-last_update'] }],
    ['tasks.get_all_ex', { page: 1, page_size: 3 }],
    ['tasks.get_all_ex', { id: allIds.slice(0, 3), scroll_id: '', size: 2 }],
    ['tasks.get_all_ex', { status: ['in_progress', 'created'] }],
    ['tasks.get_all_ex', { id: [] }],
    ...TASK_FIELDS.map((fields): [string, object] => ['tasks.get_all_ex', { only_fields: fields }]),
    ['tasks.get_all', { id: taskIds }],
    ['tasks.get_all', {}],
    ...TASK_FIELDS.map((fields): [string, object] => ['tasks.get_all', { id: taskIds, only_fields: fields }]),
    ...taskIds.map((task): [string, object] => ['tasks.get_by_id', { task }]),
    ['tasks.get_hyper_params', { tasks: taskIds }],
    ['tasks.get_configurations', { tasks: taskIds }],
    ['models.get_all_ex', {}],
    ['models.get_all_ex', { only_fields: ['name', 'project.name', 'task.name', 'user.name', 'labels', 'design'] }],
    ['models.get_all_ex', { id: [model], only_fields: ['task', 'project', 'framework'] }],
    ['models.get_all_ex', { scroll_id: '', size: 1 }],
    ['models.get_all', {}],
    ['models.get_all', { task: varied }],
    ...[model, ...models.slice(0, 3).map((m) => m.id)].map((id): [string, object] => ['models.get_by_id', { model: id }]),
    ...['*', 'training_stats_scalar', 'plot', 'training_debug_image', 'log'].map((type): [string, object] => [
      'events.get_multi_task_metrics',
      { tasks: taskIds, event_type: type },
    ]),
    ...['training_stats_scalar', 'plot', 'training_debug_image'].map((type): [string, object] => [
      'events.get_task_metrics',
      { tasks: taskIds, event_type: type },
    ]),
    ['events.get_task_single_value_metrics', { tasks: taskIds }],
    ['events.get_task_single_value_metrics', { tasks: [bare] }],
    ['events.get_multi_task_plots', { tasks: taskIds }],
    ['events.get_multi_task_plots', { tasks: taskIds, iters: 3, last_iters_per_task_metric: false }],
    ['events.get_multi_task_plots', { tasks: [bare] }],
    ...taskIds.flatMap((task): [string, object][] => [
      ['events.get_scalar_metrics_and_variants', { task }],
      ['events.get_task_log', { task }],
      ['events.get_task_plots', { task, iters: 2 }],
      ['events.scalar_metrics_iter_histogram', { task, samples: 10 }],
    ]),
    ['events.multi_task_scalar_metrics_iter_histogram', { tasks: taskIds }],
    ['tasks.get_by_id', { task: 'no-such-task' }],
    ['events.get_task_log', { task: 'no-such-task' }],
  ]);
  const [images, sample] = await assertSameAnswers(withSchemas, without, [
    ['events.debug_images', { metrics: [{ task: varied }, { task: bare }], iters: 1 }],
    ['events.get_debug_image_sample', { task: varied, metric: 'images', variant: 'b' }],
    ['events.get_debug_image_sample', { task: varied, metric: 'images', variant: 'none' }],
    ['events.debug_images', { metrics: [{ task: tasks[0].id }] }],
  ]);
  assert.ok(images.metrics[0].iterations.length > 0 && sample.event.key === 'k', 'debug samples are listed');
  await assertSameAnswers(withSchemas, without, [
    ['events.debug_images', { metrics: [{ task: varied }, { task: bare }], iters: 1, scroll_id: images.scroll_id }],
    ['events.next_debug_image_sample', { task: varied, scroll_id: sample.scroll_id }],
    ['events.next_debug_image_sample', { task: varied, scroll_id: sample.scroll_id, navigate_earlier: false }],
    ['events.next_debug_image_sample', { task: varied, scroll_id: sample.scroll_id, next_iteration: true }],
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
