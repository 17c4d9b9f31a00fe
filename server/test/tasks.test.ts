import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addEvents, createProject, createTask, scalar, startServer } from './helpers';

test('projects: create, get_all_ex by name regex, get_by_id, unknown id', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const a = await createProject(server, 'CIFAR-10 sweep');
  await createProject(server, 'Speech commands');
  assert.match(a, /^[0-9a-f]{32}$/);
  const all = await server.call('projects.get_all_ex', {});
  assert.deepEqual(
    all.data.projects.map((p: { name: string }) => p.name),
    ['CIFAR-10 sweep', 'Speech commands'],
  );
  const byName = await server.call('projects.get_all', { name: '^cifar' });
  assert.deepEqual(
    byName.data.projects.map((p: { id: string }) => p.id),
    [a],
  );
  const byId = await server.call('projects.get_by_id', { project: a });
  assert.equal(byId.data.project.name, 'CIFAR-10 sweep');
  const unknown = await server.call('projects.get_by_id', { project: 'f'.repeat(32) });
  assert.equal(unknown.status, 400);
  const noName = await server.call('projects.create', { description: 'x' });
  assert.equal(noName.status, 400);
  assert.equal(noName.meta.result_subcode, 12);
  assert.match(noName.meta.result_msg, /name/);
});

test('tasks: create, edit, status changes, get_by_id returns the whole task', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const id = await createTask(server, project, {
    name: 'run 1',
    system_tags: ['development'],
    hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '0.1', type: 'float' } } },
  });
  let task = (await server.call('tasks.get_by_id', { task: id })).data.task;
  assert.equal(task.status, 'created');
  // The SDK's data model reads references as plain ids; tasks.get_all_ex expands them.
  assert.equal(task.project, project);
  assert.deepEqual(task.output, {});
  assert.equal(task.hyperparams.Args.lr.value, '0.1');
  for (const field of ['script', 'execution', 'runtime', 'configuration', 'system_tags', 'last_metrics']) {
    assert.ok(field in task, field);
  }
  const edited = await server.call('tasks.edit', {
    task: id,
    force: true,
    comment: 'hello',
    configuration: { cfg: { name: 'cfg', value: 'a: 1', type: 'yaml' } },
  });
  assert.equal(edited.data.updated, 1);
  assert.equal(edited.data.fields.comment, 'hello');
  const started = await server.call('tasks.started', { task: id, force: true });
  assert.equal(started.data.updated, 1);
  assert.equal(started.data.fields.status, 'in_progress');
  const polled = await server.call('tasks.get_all', { id: [id], only_fields: ['status', 'status_message', 'id'] });
  assert.deepEqual(polled.data.tasks, [{ id, status: 'in_progress', status_message: '' }]);
  await server.call('tasks.set_requirements', { task: id, requirements: { pip: 'numpy==1.26.4' } });
  assert.equal((await server.call('tasks.ping', { task: id })).status, 200);
  const completed = await server.call('tasks.completed', { task: id, force: true, status_reason: 'done' });
  assert.equal(completed.data.fields.status, 'completed');
  task = (await server.call('tasks.get_by_id', { task: id })).data.task;
  assert.equal(task.status, 'completed');
  assert.equal(task.status_reason, 'done');
  assert.equal(task.comment, 'hello');
  assert.equal(task.configuration.cfg.value, 'a: 1');
  assert.equal(task.script.requirements.pip, 'numpy==1.26.4');
  assert.ok(task.started && task.completed);
  const failed = await server.call('tasks.failed', { task: id });
  assert.equal(failed.data.fields.status, 'failed');
  const stopped = await server.call('tasks.stopped', { task: id });
  assert.equal(stopped.data.fields.status, 'stopped');
});

test('tasks: bad inputs and unknown ids', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const badType = await server.call('tasks.create', { name: 'x', project, type: 'nonsense' });
  assert.equal(badType.status, 400);
  assert.equal(badType.meta.result_subcode, 12);
  assert.match(badType.meta.result_msg, /type/);
  const noProject = await server.call('tasks.create', { name: 'x', type: 'training' });
  assert.equal(noProject.meta.result_subcode, 12);
  assert.match(noProject.meta.result_msg, /project/);
  const unknownProject = await server.call('tasks.create', { name: 'x', type: 'training', project: 'a'.repeat(32) });
  assert.equal(unknownProject.status, 400);
  const unknown = 'b'.repeat(32);
  for (const name of ['tasks.get_by_id', 'tasks.started', 'tasks.edit', 'tasks.completed']) {
    const reply = await server.call(name, { task: unknown });
    assert.equal(reply.status, 400, name);
    assert.equal(reply.meta.result_subcode, 101, name);
    assert.deepEqual(reply.meta.error_data.ids, [unknown], name);
    assert.deepEqual(reply.data, {});
  }
  const wrongType = await server.call('tasks.edit', { task: 42 });
  assert.equal(wrongType.meta.result_subcode, 12);
  const badSort = await server.call('tasks.get_all_ex', { order_by: ['no_such_field'] });
  assert.equal(badSort.meta.result_subcode, 12);
  assert.match(badSort.meta.result_msg, /order_by/);
  const badRegex = await server.call('tasks.get_all_ex', { name: '(' });
  assert.equal(badRegex.meta.result_subcode, 12);
  const noPage = await server.call('tasks.get_all_ex', { page: 0, page_size: 0 });
  assert.equal(noPage.meta.result_subcode, 12);
  assert.match(noPage.meta.result_msg, /page_size/);
});

test('tasks.get_all_ex: filters, numeric sorts, paging, only_fields and id order', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const p1 = await createProject(server, 'one');
  const p2 = await createProject(server, 'two');
  const lrs = ['0.1', '0.01', '1', '0.001', '10'];
  const ids: string[] = [];
  for (let i = 0; i < lrs.length; i++) {
    ids.push(
      await createTask(server, i < 3 ? p1 : p2, {
        name: `Run ${i}`,
        tags: i % 2 ? ['odd'] : ['even'],
        system_tags: i === 4 ? ['archived'] : [],
        type: i === 3 ? 'testing' : 'training',
        hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: lrs[i] } } },
      }),
    );
  }
  await addEvents(
    server,
    ids.map((id, i) => scalar(id, 'loss', 'val', 10, [5, 3, 40, 1, 2][i])),
  );
  await server.call('tasks.started', { task: ids[2] });

  const names = (reply: { data: { tasks: { name: string }[] } }) => reply.data.tasks.map((t) => t.name);
  const byProject = await server.call('tasks.get_all_ex', { project: [p1], order_by: ['name'] });
  assert.deepEqual(names(byProject), ['Run 0', 'Run 1', 'Run 2']);
  assert.ok(!('total' in byProject.data), 'tasks.get_all_ex (schema/services/tasks.conf) answers no total');
  const notArchived = await server.call('tasks.get_all_ex', { system_tags: ['-archived'], order_by: ['name'] });
  assert.deepEqual(names(notArchived), ['Run 0', 'Run 1', 'Run 2', 'Run 3']);
  const tagged = await server.call('tasks.get_all_ex', { tags: ['odd'], order_by: ['name'] });
  assert.deepEqual(names(tagged), ['Run 1', 'Run 3']);
  const notOdd = await server.call('tasks.get_all_ex', { tags: ['-odd'], order_by: ['name'] });
  assert.deepEqual(names(notOdd), ['Run 0', 'Run 2', 'Run 4']);
  const status = await server.call('tasks.get_all_ex', { status: ['in_progress'] });
  assert.deepEqual(names(status), ['Run 2']);
  const type = await server.call('tasks.get_all_ex', { type: ['testing'] });
  assert.deepEqual(names(type), ['Run 3']);
  const regex = await server.call('tasks.get_all_ex', { name: 'run [12]$', order_by: ['-name'] });
  assert.deepEqual(names(regex), ['Run 2', 'Run 1']);
  // search_text is a whole-word text search; a part of an id is found by the _any_ pattern.
  const search = await server.call('tasks.get_all_ex', { search_text: ids[3] });
  assert.deepEqual(names(search), ['Run 3']);
  assert.deepEqual(names(await server.call('tasks.get_all_ex', { search_text: ids[3].slice(4, 12) })), []);
  const any = await server.call('tasks.get_all_ex', { _any_: { pattern: ids[3].slice(4, 12), fields: ['name', 'id'] } });
  assert.deepEqual(names(any), ['Run 3']);

  // Numeric, not lexical: 0.001 < 0.01 < 0.1 < 1 < 10
  const byLr = await server.call('tasks.get_all_ex', { order_by: ['hyperparams.Args.lr.value'] });
  assert.deepEqual(names(byLr), ['Run 3', 'Run 1', 'Run 0', 'Run 2', 'Run 4']);
  const task0 = (await server.call('tasks.get_by_id', { task: ids[0] })).data.task;
  const [mh] = Object.keys(task0.last_metrics);
  const [vh] = Object.keys(task0.last_metrics[mh]);
  const byLoss = await server.call('tasks.get_all_ex', { order_by: [`-last_metrics.${mh}.${vh}.value`] });
  assert.deepEqual(names(byLoss), ['Run 2', 'Run 0', 'Run 1', 'Run 4', 'Run 3']);

  const page = await server.call('tasks.get_all_ex', {
    order_by: ['name'],
    page: 1,
    page_size: 2,
    only_fields: ['name', 'project.name'],
  });
  assert.ok(!('total' in page.data));
  assert.deepEqual(page.data.tasks, [
    { id: ids[2], name: 'Run 2', project: { id: p1, name: 'one' } },
    { id: ids[3], name: 'Run 3', project: { id: p2, name: 'two' } },
  ]);
  const onlyMetric = await server.call('tasks.get_all_ex', { id: [ids[0]], only_fields: [`last_metrics.${mh}.${vh}.value`] });
  assert.deepEqual(onlyMetric.data.tasks, [{ id: ids[0], last_metrics: { [mh]: { [vh]: { value: 5 } } } }]);

  // Paths inside JSON columns: only those keys, missing keys left out, whole column when also asked.
  await server.call('tasks.edit', {
    task: ids[1],
    script: { branch: 'main', diff: 'x'.repeat(1000), requirements: { pip: 'numpy==2.0\n' } },
  });
  const inside = await server.call('tasks.get_all_ex', {
    id: [ids[1], ids[0]],
    only_fields: ['script.branch', 'script.requirements.pip', 'script.tag', 'hyperparams.Args.lr.value', 'execution.queue.name'],
  });
  // execution.queue is a reference: a task without a queue keeps an empty execution, as MongoDB projects it.
  assert.deepEqual(inside.data.tasks, [
    {
      id: ids[1],
      script: { branch: 'main', requirements: { pip: 'numpy==2.0\n' } },
      hyperparams: { Args: { lr: { value: '0.01' } } },
      execution: {},
    },
    { id: ids[0], hyperparams: { Args: { lr: { value: '0.1' } } }, execution: {} },
  ]);
  const whole = await server.call('tasks.get_all_ex', { id: [ids[1]], only_fields: ['script.branch', 'script'] });
  assert.equal(whole.data.tasks[0].script.diff.length, 1000);

  const order = [ids[3], ids[0], ids[4]];
  const inIdOrder = await server.call('tasks.get_all_ex', { id: order, only_fields: ['id'] });
  assert.deepEqual(
    inIdOrder.data.tasks.map((t: { id: string }) => t.id),
    order,
  );

  const tags = await server.call('projects.get_task_tags', { projects: [p1] });
  assert.deepEqual(tags.data, { tags: ['even', 'odd'], system_tags: [] });
  const allTags = await server.call('projects.get_task_tags', {});
  assert.deepEqual(allTags.data, { tags: ['even', 'odd'], system_tags: ['archived'] });
});

test('artifacts and models attach to a task', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const task = await createTask(server, project);
  const artifact = { key: 'confusion', type: 'image', mode: 'output', uri: '/files/x.png' };
  const added = await server.call('tasks.add_or_update_artifacts', { task, artifacts: [artifact] });
  assert.equal(added.data.updated, 1);
  await server.call('tasks.add_or_update_artifacts', { task, artifacts: [{ ...artifact, uri: '/files/y.png' }] });
  const model = await server.call('models.create', { name: 'resnet', uri: 'file:///m.pt', framework: 'PyTorch', labels: { cat: 0 } });
  assert.match(model.data.id, /^[0-9a-f]{32}$/);
  const linked = await server.call('tasks.add_or_update_model', { task, name: 'best', model: model.data.id, type: 'output' });
  assert.equal(linked.data.updated, 1);
  const unknownModel = await server.call('tasks.add_or_update_model', { task, name: 'x', model: 'c'.repeat(32), type: 'input' });
  assert.equal(unknownModel.status, 400);
  const doc = (await server.call('tasks.get_by_id', { task })).data.task;
  assert.deepEqual(doc.execution.artifacts, [{ ...artifact, uri: '/files/y.png' }]);
  assert.equal(doc.models.output[0].name, 'best');
  assert.equal(doc.models.output[0].model, model.data.id);
  // tasks.get_all_ex expands the reference to {id}; its fields come when asked for by path.
  const expanded = (await server.call('tasks.get_all_ex', { id: [task] })).data.tasks[0];
  assert.deepEqual(expanded.models.output[0], { name: 'best', model: { id: model.data.id } });
  const joined = (await server.call('tasks.get_all_ex', { id: [task], only_fields: ['models.output.name', 'models.output.model.labels'] }))
    .data.tasks[0];
  assert.deepEqual(joined.models.output, [{ name: 'best', model: { id: model.data.id, labels: { cat: 0 } } }]);
  const reset = await server.call('tasks.reset', { task, force: true });
  assert.equal(reset.data.fields.status, 'created');
  const after = (await server.call('tasks.get_by_id', { task })).data.task;
  assert.deepEqual(after.execution.artifacts, []);
});
