import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProject, createTask, startServer, type TestServer } from './helpers';

/** Tasks written straight to the database (a 300-task project in well under a second). */
function insertTasks(server: TestServer, project: string, count: number, prefix = 'task'): string[] {
  const ids: string[] = [];
  server.app.repos.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `${prefix}${String(i).padStart(4, '0')}`.padEnd(32, '0');
      const created = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
      server.app.repos.tasks.insert(id, {
        project,
        name: `${prefix} ${i}`,
        type: 'training',
        status: 'completed',
        user: { id: 'u1', name: 'Ada' },
        created,
        last_update: created,
        last_change: created,
        status_changed: created,
      });
      ids.push(id);
    }
  });
  return ids;
}

for (const plainClearml of [false, true]) {
  const mode = plainClearml ? 'plain' : 'full';

  test(`tasks.get_all_ex (schema/services/tasks.conf) [${mode}]: no total; project, user, parent as {id}; <reference>.name gives {id, name}`, async (t) => {
    const server = await startServer({ plainClearml });
    t.after(() => server.close());
    const project = await createProject(server, 'Vision');
    const parent = await createTask(server, project, { name: 'parent run' });
    const child = await createTask(server, project, { name: 'child run', parent });
    const whole = (await server.call('tasks.get_all_ex', { id: [child] })).data;
    assert.ok(!('total' in whole));
    assert.deepEqual(whole.tasks[0].project, { id: project });
    assert.deepEqual(whole.tasks[0].user, { id: 'local' });
    assert.deepEqual(whole.tasks[0].parent, { id: parent });
    const asked = await server.call('tasks.get_all_ex', { id: [child, parent], only_fields: ['name', 'project', 'user', 'parent'] });
    assert.deepEqual(asked.data.tasks, [
      { id: child, name: 'child run', project: { id: project }, user: { id: 'local' }, parent: { id: parent } },
      // No parent: no parent key (MongoDB keeps no empty references).
      { id: parent, name: 'parent run', project: { id: project }, user: { id: 'local' } },
    ]);
    const named = await server.call('tasks.get_all_ex', {
      id: [child],
      only_fields: ['project.name', 'user.name', 'parent.name', 'parent.status'],
    });
    assert.deepEqual(named.data.tasks, [
      {
        id: child,
        project: { id: project, name: 'Vision' },
        user: { id: 'local', name: 'local' },
        parent: { id: parent, name: 'parent run', status: 'created' },
      },
    ]);
    // tasks.get_all (the SDK's call) keeps references as ids.
    const sdk = await server.call('tasks.get_all', { id: [child], only_fields: ['project', 'parent'] });
    assert.deepEqual(sdk.data, { tasks: [{ id: child, project, parent }] });
  });

  test(`tasks.get_all_ex (schema/services/tasks.conf, database/model/base.py) [${mode}]: scroll_id + size reaches every task of a 300-task project`, async (t) => {
    const server = await startServer({ plainClearml });
    t.after(() => server.close());
    const project = await createProject(server);
    const ids = insertTasks(server, project, 300);
    const seen: string[] = [];
    let scrollId: string | null = null;
    for (let call = 0; call < 20; call++) {
      const reply = await server.call('tasks.get_all_ex', {
        project: [project],
        order_by: ['name'],
        only_fields: ['name'],
        size: 64,
        scroll_id: scrollId,
      });
      assert.equal(reply.status, 200);
      assert.ok(!('total' in reply.data));
      assert.equal(typeof reply.data.scroll_id, 'string');
      if (reply.data.tasks.length === 0) break;
      assert.ok(reply.data.tasks.length <= 64);
      seen.push(...reply.data.tasks.map((t: { id: string }) => t.id));
      scrollId = reply.data.scroll_id;
    }
    assert.deepEqual([...seen].sort(), [...ids].sort());
    assert.equal(new Set(seen).size, 300);
    // refresh_scroll brings everything up to the scroll's position again.
    const refreshed = await server.call('tasks.get_all_ex', {
      project: [project],
      order_by: ['name'],
      only_fields: ['id'],
      size: 10,
      scroll_id: scrollId,
      refresh_scroll: true,
    });
    assert.equal(refreshed.data.tasks.length, 300);
    // An unknown scroll id starts a new scroll; a scroll needs a size.
    const unknown = await server.call('tasks.get_all_ex', {
      project: [project],
      only_fields: ['id'],
      size: 5,
      scroll_id: 'no-such-scroll',
    });
    assert.equal(unknown.data.tasks.length, 5);
    const noSize = await server.call('tasks.get_all_ex', { project: [project], scroll_id: null });
    assert.equal(noSize.status, 400);
    assert.match(noSize.meta.result_msg, /Integer size parameter/);
    // page + page_size: the page after the last is empty; no paging at all answers 500 at most.
    const last = await server.call('tasks.get_all_ex', {
      project: [project],
      order_by: ['name'],
      only_fields: ['id'],
      page: 11,
      page_size: 25,
    });
    assert.equal(last.data.tasks.length, 25);
    assert.ok(!('scroll_id' in last.data));
    assert.equal(
      (await server.call('tasks.get_all_ex', { project: [project], only_fields: ['id'], page: 12, page_size: 25 })).data.tasks.length,
      0,
    );
    insertTasks(server, project, 300, 'more');
    assert.equal((await server.call('tasks.get_all_ex', { project: [project], only_fields: ['id'] })).data.tasks.length, 500);
    assert.equal(
      (await server.call('tasks.get_all_ex', { project: [project], only_fields: ['id'], page_size: 600 })).data.tasks.length,
      500,
    );
  });
}

test('tasks.get_all_ex (schema/services/tasks.conf, database/model/task/task.py): models.*[].model is a reference; dotted only_fields inside the lists', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const task = await createTask(server, project);
  const model = (
    await server.call('models.create', {
      name: 'resnet',
      uri: 'file:///m.pt',
      framework: 'PyTorch',
      labels: { cat: 0 },
      design: 'Linear',
      project,
    })
  ).data.id;
  await server.call('tasks.add_or_update_model', { task, name: 'pretrained', model, type: 'input' });
  await server.call('tasks.add_or_update_model', { task, name: 'best', model, type: 'output' });
  const names = await server.call('tasks.get_all_ex', { id: [task], only_fields: ['models.input.name', 'models.output.model'] });
  assert.deepEqual(names.data.tasks, [{ id: task, models: { input: [{ name: 'pretrained' }], output: [{ model: { id: model } }] } }]);
  // As ClearML's web app asks for a task's models.
  const joined = await server.call('tasks.get_all_ex', {
    id: [task],
    only_fields: [
      'models.input.name',
      'models.input.model.name',
      'models.output.name',
      'models.output.model.uri',
      'models.output.model.framework',
      'models.output.model.design',
      'models.output.model.labels',
    ],
  });
  assert.deepEqual(joined.data.tasks[0].models, {
    input: [{ name: 'pretrained', model: { id: model, name: 'resnet' } }],
    output: [
      { name: 'best', model: { id: model, uri: 'file:///m.pt', framework: 'PyTorch', design: { design: 'Linear' }, labels: { cat: 0 } } },
    ],
  });
  const sdk = (await server.call('tasks.get_all', { id: [task], only_fields: ['models'] })).data.tasks[0];
  assert.deepEqual(sdk.models.input, [{ name: 'pretrained', model }]);

  // models.get_all_ex (schema/services/models.conf): the details of several models in one call.
  const models = await server.call('models.get_all_ex', {
    id: [model, 'f'.repeat(32)],
    only_fields: ['name', 'uri', 'framework', 'labels', 'design', 'project.name', 'task'],
  });
  assert.deepEqual(models.data, {
    models: [
      {
        id: model,
        name: 'resnet',
        uri: 'file:///m.pt',
        framework: 'PyTorch',
        labels: { cat: 0 },
        design: { design: 'Linear' },
        project: { id: project, name: 'Project' },
      },
    ],
  });
  const whole = (await server.call('models.get_all_ex', { id: [model] })).data.models[0];
  assert.deepEqual(whole.project, { id: project });
  assert.equal(whole.name, 'resnet');
});

test('tasks.get_all_ex (schema/services/tasks.conf: _any_, _all_, search_text): patterns over fields, whole-word text search', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const a = await createTask(server, project, { name: 'resnet50 baseline', comment: 'first try', tags: ['vision'] });
  const b = await createTask(server, project, { name: 'ResNet-101 large', comment: 'models compared' });
  const c = await createTask(server, project, { name: 'bert tiny' });
  const find = async (body: object) => {
    const reply = await server.call('tasks.get_all_ex', { ...body, only_fields: ['id'], order_by: ['name'] });
    assert.equal(reply.status, 200, JSON.stringify(reply.meta));
    return reply.data.tasks.map((t: { id: string }) => t.id);
  };
  assert.deepEqual(await find({ _any_: { pattern: 'resn', fields: ['name', 'id'] } }), [b, a]);
  assert.deepEqual(await find({ _any_: { pattern: c.slice(3, 11), fields: ['name', 'id'] } }), [c]);
  assert.deepEqual(await find({ _any_: { pattern: '^vis', fields: ['tags'] } }), [a]);
  assert.deepEqual(await find({ _all_: { pattern: 'e', fields: ['name', 'comment'] } }), [b]);
  assert.deepEqual(await find({ _any_: { pattern: 'e', fields: ['name', 'comment'] } }), [c, b, a]);
  assert.deepEqual(await find({ _any_: { pattern: 'x', fields: [] } }), [c, b, a], 'no fields: no condition');
  const badFormat = await server.call('tasks.get_all_ex', { _any_: { fields: ['name'] } });
  assert.equal(badFormat.status, 400);
  assert.match(badFormat.meta.result_msg, /incorrect field format/);
  const badField = await server.call('tasks.get_all_ex', { _any_: { pattern: 'a', fields: ['no_such_field'] } });
  assert.equal(badField.status, 400);
  assert.equal(badField.meta.result_subcode, 14);
  assert.equal((await server.call('tasks.get_all_ex', { _any_: { pattern: '(', fields: ['name'] } })).status, 400);

  // search_text: whole words, any of them, case-insensitive; a part of a word finds nothing.
  assert.deepEqual(await find({ search_text: 'RESNET' }), [b]);
  assert.deepEqual(await find({ search_text: 'resn' }), []);
  assert.deepEqual(await find({ search_text: 'tiny baseline' }), [c, a]);
  assert.deepEqual(await find({ search_text: 'model' }), [b], 'a plural matches its word');
  assert.deepEqual(await find({ search_text: 'resnet50 -vision' }), [a], 'tags are not in the text index');
  assert.deepEqual(await find({ search_text: 'first -try' }), []);
  assert.deepEqual(await find({ search_text: '"first try"' }), [a]);
  assert.deepEqual(await find({ search_text: a }), [a]);
});

test('tasks.get_all_ex order_by (schema/services/tasks.conf, database/model/base.py): document fields only; project.name ascending is a lookup error, descending sorts nothing', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const zebra = await createProject(server, 'Zebra');
  const apple = await createProject(server, 'Apple');
  const t1 = await createTask(server, zebra, { name: 'one', comment: 'b' });
  const t2 = await createTask(server, apple, { name: 'two', comment: 'a' });
  const t3 = await createTask(server, apple, { name: 'three' });
  const ids = async (order_by: string[]) => {
    const reply = await server.call('tasks.get_all_ex', { order_by, only_fields: ['id'] });
    return { status: reply.status, meta: reply.meta, ids: (reply.data.tasks ?? []).map((t: { id: string }) => t.id) };
  };
  const ascending = await ids(['project.name']);
  assert.equal(ascending.status, 400);
  assert.equal(ascending.meta.result_subcode, 14);
  assert.match(ascending.meta.result_msg, /^Lookup error/);
  assert.equal((await ids(['user.name'])).status, 400);
  assert.deepEqual((await ids(['-project.name'])).ids, [t1, t2, t3].sort(), 'ordered by id only');
  // A reference sorts by its id.
  const byProject = (await ids(['project', 'name'])).ids;
  assert.deepEqual(byProject, apple < zebra ? [t3, t2, t1] : [t1, t3, t2]);
  // The first ascending field puts empty values last.
  assert.deepEqual((await ids(['comment'])).ids, [t2, t1, t3]);
  assert.deepEqual((await ids(['-comment'])).ids, [t1, t2, t3]);
  assert.equal((await ids(['@text_score'])).meta.result_subcode, 16);
});

test('tasks.get_all_ex (services/tasks.py _hidden_query): hidden tasks only with search_hidden or by id', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const shown = await createTask(server, project);
  const hidden = await createTask(server, project, { system_tags: ['hidden'] });
  const list = async (body: object) =>
    (await server.call('tasks.get_all_ex', { ...body, only_fields: ['id'] })).data.tasks.map((t: { id: string }) => t.id).sort();
  assert.deepEqual(await list({ project: [project] }), [shown]);
  assert.deepEqual(await list({ project: [project], search_hidden: true }), [shown, hidden].sort());
  assert.deepEqual(await list({ id: [hidden] }), [hidden]);
});
