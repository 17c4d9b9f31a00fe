// Map- and list-shaped task fields: refused in a wrong shape before anything is written, and read
// without failing when an older database holds them in a wrong shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeScrollId } from '../src/events/scroll-id';
import { addEvents, createProject, createTask, scalar, startServer, type TestServer } from './helpers';

function column(server: TestServer, task: string, name: string): unknown {
  return server.app.repos.db.prepare(`SELECT ${name} FROM tasks WHERE id = ?`).pluck().get(task);
}

function paramCount(server: TestServer, task?: string): number {
  const db = server.app.repos.db;
  return (
    task
      ? db.prepare('SELECT count(*) FROM task_params WHERE task = ?').pluck().get(task)
      : db.prepare('SELECT count(*) FROM task_params').pluck().get()
  ) as number;
}

test('a 100,000-character section sent as a string is a 400 naming it, stores nothing, and server.info answers meanwhile', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server), {
    hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '0.1' } } },
  });
  const before = {
    hyperparams: column(server, task, 'hyperparams'),
    last_change: column(server, task, 'last_change'),
    params: paramCount(server),
  };
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address() as { port: number };
  const url = (name: string) => `http://127.0.0.1:${address.port}/api/v2.31/${name}`;
  const post = (name: string, body: unknown) =>
    fetch(url(name), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('server.info', {}); // the client's first fetch loads its HTTP stack: not part of the figures
  let alone = performance.now();
  await post('server.info', {});
  alone = performance.now() - alone;
  const order: string[] = [];
  const started = performance.now();
  const hostile = post('tasks.edit', { task, hyperparams: { General: 'x'.repeat(100_000) } }).then(async (r) => {
    order.push('edit');
    return { status: r.status, body: (await r.json()) as { meta: { result_msg: string } }, ms: performance.now() - started };
  });
  const info = post('server.info', {}).then(async (r) => {
    order.push('info');
    return { status: r.status, ms: performance.now() - started };
  });
  const [edit, answered] = await Promise.all([hostile, info]);
  assert.equal(edit.status, 400);
  assert.match(edit.body.meta.result_msg, /hyperparams\/General must be object/);
  assert.equal(answered.status, 200);
  // Nothing of it was written: not the section, not the index, not even last_change.
  assert.equal(column(server, task, 'hyperparams'), before.hyperparams);
  assert.equal(column(server, task, 'last_change'), before.last_change);
  assert.equal(paramCount(server), before.params);
  console.log(
    `100,000-character string section: 400 in ${edit.ms.toFixed(1)} ms; concurrent server.info in ${answered.ms.toFixed(1)} ms (alone before: ${alone.toFixed(1)} ms); answered in the order ${order.join(', ')}`,
  );
});

test('every map- and list-shaped field in a wrong shape is a 400 naming it, on create and edit, and stores nothing', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const task = await createTask(server, project);
  const wrong: [string, Record<string, unknown>, RegExp][] = [
    ['section as a string', { hyperparams: { General: 'abc' } }, /hyperparams\/General must be object/],
    ['section as null', { hyperparams: { General: null } }, /hyperparams\/General must be object/],
    ['parameter as a string', { hyperparams: { General: { lr: '0.1' } } }, /hyperparams\/General\/lr must be object/],
    ['parameter value as an object', { hyperparams: { General: { lr: { value: { a: 1 } } } } }, /hyperparams\/General\/lr\/value/],
    ['hyperparams as a list', { hyperparams: ['a'] }, /hyperparams must be object/],
    ['configuration item as a string', { configuration: { cfg: 'text' } }, /configuration\/cfg must be object/],
    ['artifacts as a string', { execution: { artifacts: 'a' } }, /execution\/artifacts must be array/],
    ['artifacts as [null]', { execution: { artifacts: [null] } }, /execution\/artifacts\/0 must be object/],
    [
      'artifact without a key',
      { execution: { artifacts: [{ type: 'json' }] } },
      /execution\/artifacts\/0 must have required property 'key'/,
    ],
    ['output models as a string', { models: { output: 'm' } }, /models\/output must be array/],
    ['output models as [null]', { models: { output: [null] } }, /models\/output\/0 must be object/],
    ['requirements as a string', { script: { requirements: 'numpy' } }, /script\/requirements must be object/],
  ];
  const tasksBefore = server.app.repos.db.prepare('SELECT count(*) FROM tasks').pluck().get();
  const rowBefore = server.app.repos.db.prepare('SELECT * FROM tasks WHERE id = ?').get(task);
  for (const [label, fields, message] of wrong) {
    const edit = await server.call('tasks.edit', { task, ...fields });
    assert.equal(edit.status, 400, `edit, ${label}`);
    assert.match(edit.meta.result_msg, message, `edit, ${label}`);
    const create = await server.call('tasks.create', { name: 'n', type: 'training', project, ...fields });
    assert.equal(create.status, 400, `create, ${label}`);
    assert.match(create.meta.result_msg, message, `create, ${label}`);
  }
  assert.equal(server.app.repos.db.prepare('SELECT count(*) FROM tasks').pluck().get(), tasksBefore);
  assert.deepEqual(server.app.repos.db.prepare('SELECT * FROM tasks WHERE id = ?').get(task), rowBefore);
  assert.equal(paramCount(server), 0);
  // The shapes ClearML defines are taken.
  const good = await server.call('tasks.edit', {
    task,
    hyperparams: { General: { lr: { section: 'General', name: 'lr', value: '0.1', type: 'float' } }, Empty: {} },
    configuration: { cfg: { name: 'cfg', value: 'a: 1' } },
    execution: { artifacts: [{ key: 'k', type: 'json', mode: 'output', uri: 'file:///k' }], queue: null },
    models: { input: [], output: [{ name: 'm', model: 'id' }] },
    script: { requirements: { pip: 'numpy' }, repository: 'r' },
  });
  assert.equal(good.status, 200, good.meta.result_msg);
  assert.equal(paramCount(server, task), 1);
});

test('an edit whose parameter index fails to be written leaves the task as it was', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server), { comment: 'before', hyperparams: { A: { x: { value: '1' } } } });
  const rowBefore = server.app.repos.db.prepare('SELECT * FROM tasks WHERE id = ?').get(task);
  // The index write fails on its second parameter: the row written just before must not stay.
  server.app.repos.db.exec(
    "CREATE TEMP TRIGGER fail_index BEFORE INSERT ON task_params WHEN NEW.name = 'boom' BEGIN SELECT RAISE(ABORT, 'index write failed'); END",
  );
  const edit = await server.call('tasks.edit', {
    task,
    comment: 'after',
    hyperparams: { A: { y: { value: '2' }, boom: { value: '3' } } },
  });
  assert.notEqual(edit.status, 200);
  assert.deepEqual(server.app.repos.db.prepare('SELECT * FROM tasks WHERE id = ?').get(task), rowBefore);
  assert.deepEqual(server.app.repos.db.prepare('SELECT name, value FROM task_params WHERE task = ?').all(task), [
    { name: 'x', value: '1' },
  ]);
});

/** Odd shapes an older database may hold, per column. */
const ODD: Record<string, string[]> = {
  hyperparams: [
    '"text"',
    'null',
    '[1]',
    '{"General":"abc"}',
    '{"General":null}',
    '{"General":{"lr":"0.1"}}',
    '{"General":{"lr":null}}',
    'not json',
  ],
  execution: [
    '"text"',
    'null',
    '{"artifacts":"abc"}',
    '{"artifacts":[null]}',
    '{"artifacts":[1,"a",{"key":"k","mode":"input","type":"t"}]}',
    'not json',
  ],
  models: ['"text"', 'null', '{"output":"abc"}', '{"output":[null]}', '{"input":[null,{"name":"i","model":null}],"output":[1]}', '[]'],
  configuration: ['"text"', 'null', '{"cfg":"abc"}', '{"cfg":null}'],
  script: ['"text"', 'null', '[]'],
};

test('stored fields in odd shapes (strings, null, [null], bad JSON) are read as empty by every endpoint that reads them: no 500', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  const model = (await server.call('models.create', { name: 'm', uri: 'file:///m.pt' })).data.id;
  let checked = 0;
  for (const [column, values] of Object.entries(ODD)) {
    for (const stored of values) {
      const task = await createTask(server, project);
      const other = await createTask(server, project);
      await server.call('models.edit', { model, task });
      server.app.repos.db.prepare(`UPDATE tasks SET ${column} = ? WHERE id IN (?, ?)`).run(stored, task, other);
      const calls: [string, Record<string, unknown>][] = [
        ['tasks.get_hyper_params', { tasks: [task] }],
        ['tasks.get_configurations', { tasks: [task] }],
        ['tasks.edit_hyper_params', { task, hyperparams: [{ section: 'General', name: 'lr', value: '1' }] }],
        ['tasks.delete_hyper_params', { task, hyperparams: [{ section: 'General', name: 'lr' }, { section: 'General' }] }],
        ['tasks.edit_configuration', { task, configuration: [{ name: 'cfg', value: 'x' }] }],
        ['tasks.delete_configuration', { task, configuration: ['cfg'] }],
        ['tasks.add_or_update_artifacts', { task, artifacts: [{ key: 'k', type: 'json' }] }],
        ['tasks.delete_artifacts', { task, artifacts: [{ key: 'k' }] }],
        ['tasks.add_or_update_model', { task, name: 'm', model, type: 'output' }],
        ['models.edit', { model, name: 'renamed' }],
        ['models.update', { model, task }],
        ['tasks.set_requirements', { task, requirements: { pip: 'numpy' } }],
        ['tasks.reset', { task: other }],
        ['tasks.get_all_ex', { id: [task], order_by: ['hyperparams.General.lr.value'] }],
        ['tasks.get_all', { id: [task] }],
        ['tasks.get_by_id', { task }],
      ];
      server.app.repos.db.prepare(`UPDATE tasks SET ${column} = ? WHERE id = ?`).run(stored, task);
      for (const [name, body] of calls) {
        const reply = await server.call(name, body);
        assert.equal(reply.status, 200, `${name} with ${column} stored as ${stored}: ${reply.status} ${reply.meta?.result_msg}`);
        checked++;
      }
      // What the writes made of it has the right shape again.
      const hp = (await server.call('tasks.get_hyper_params', { tasks: [task] })).data.params[0].hyperparams;
      assert.ok(Array.isArray(hp) && hp.every((p: unknown) => p !== null && typeof p === 'object'));
      const execution = JSON.parse(
        column === 'execution'
          ? (server.app.repos.db.prepare('SELECT execution FROM tasks WHERE id = ?').pluck().get(task) as string)
          : '{}',
      );
      if (column === 'execution')
        assert.ok(Array.isArray(execution.artifacts) && execution.artifacts.every((a: unknown) => a !== null && typeof a === 'object'));
    }
  }
  console.log(`${checked} calls on tasks holding odd stored shapes: none answered 500`);
});

test('the hyperparameter list of a task with an odd stored section keeps its well-formed sections', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  server.app.repos.db
    .prepare('UPDATE tasks SET hyperparams = ? WHERE id = ?')
    .run(JSON.stringify({ Broken: 'abc', Null: null, Args: { lr: { section: 'Args', name: 'lr', value: '0.1' }, odd: 'x' } }), task);
  const reply = await server.call('tasks.get_hyper_params', { tasks: [task] });
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.data.params[0].hyperparams, [{ section: 'Args', name: 'lr', value: '0.1' }]);
  const deleted = await server.call('tasks.delete_hyper_params', {
    task,
    hyperparams: [{ section: 'Broken' }, { section: 'Args', name: 'lr' }],
  });
  assert.equal(deleted.status, 200);
  assert.equal(deleted.data.deleted, 1);
});

test('a scroll id whose cursor is null or of another shape is a 400 naming scroll_id (debug_images: a new scroll, as clearml-server)', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  await addEvents(server, [
    scalar(task, 'loss', 'train', 1, 0.5),
    { type: 'plot', task, metric: 'roc', variant: 'v', iter: 1, plot_str: '{"data":[]}' },
    { type: 'training_debug_image', task, metric: 'img', variant: 'v', iter: 1, url: '/files/a.png' },
  ]);
  const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const cursors: Record<string, unknown[]> = {
    debug_image_sample: [
      null,
      1,
      'x',
      [],
      {},
      { task, metric: 'img', variant: 'v' },
      { task, metric: 'img', variant: 'v', iter: '1', current_metric: true },
    ],
    debug_images: [
      null,
      1,
      [],
      [null],
      [{ task, metrics: 1, min: null, max: null }],
      [{ task, metrics: null, min: 'a', max: null }],
      { [`${task}|img`]: [1] },
    ],
    plots: [null, 'x', {}, { done: 'yes', total: 1 }, { done: true }],
  };
  const calls: Record<string, (scroll: string) => [string, object]> = {
    debug_image_sample: (scroll_id) => ['events.next_debug_image_sample', { task, scroll_id }],
    debug_images: (scroll_id) => ['events.debug_images', { metrics: [{ task, metric: 'img' }], scroll_id }],
    plots: (scroll_id) => ['events.get_multi_task_plots', { tasks: [task], scroll_id }],
  };
  let checked = 0;
  for (const [kind, list] of Object.entries(cursors)) {
    for (const scroll of [...list.map((c) => encodeScrollId(kind, c)), raw(null), raw({ k: kind }), raw([kind]), 'not base64 !', '']) {
      const [name, body] = calls[kind](scroll);
      const reply = await server.call(name, body);
      if (scroll === '' && kind !== 'debug_image_sample') continue; // an empty scroll id starts from the beginning
      if (kind === 'debug_images') {
        // As clearml-server makes a new state for a scroll id it does not hold, the page starts anew.
        assert.equal(reply.status, 200, `${name} with ${scroll}: ${reply.status} ${reply.meta.result_msg}`);
        assert.deepEqual(
          reply.data.metrics.map((m: { iterations: { iter: number }[] }) => m.iterations.map((i) => i.iter)),
          [[1]],
        );
        checked++;
        continue;
      }
      assert.equal(reply.status, 400, `${name} with ${scroll}: ${reply.status} ${reply.meta.result_msg}`);
      assert.match(reply.meta.result_msg, /scroll_id/);
      checked++;
    }
  }
  // The ids the server hands out still work.
  const sample = await server.call('events.get_debug_image_sample', { task, metric: 'img', variant: 'v' });
  assert.equal((await server.call('events.next_debug_image_sample', { task, scroll_id: sample.data.scroll_id })).status, 200);
  const page = await server.call('events.debug_images', { metrics: [{ task, metric: 'img' }] });
  assert.equal(
    (await server.call('events.debug_images', { metrics: [{ task, metric: 'img' }], scroll_id: page.data.scroll_id })).status,
    200,
  );
  const plots = await server.call('events.get_multi_task_plots', { tasks: [task] });
  assert.equal((await server.call('events.get_multi_task_plots', { tasks: [task], scroll_id: plots.data.scroll_id })).status, 200);
  console.log(`${checked} malformed scroll ids: each a 400 naming scroll_id`);
});

test('20,000 parameters of one section edited then deleted in one call each: all stored, all removed, index agrees', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  const items = Array.from({ length: 20_000 }, (_, i) => ({ section: 'S', name: `p${i}`, value: String(i) }));
  let started = performance.now();
  const edit = await server.call('tasks.edit_hyper_params', { task, hyperparams: items });
  const editMs = performance.now() - started;
  assert.equal(edit.status, 200);
  assert.equal(paramCount(server, task), 20_000);
  assert.equal((await server.call('tasks.get_hyper_params', { tasks: [task] })).data.params[0].hyperparams.length, 20_000);
  started = performance.now();
  const removed = await server.call('tasks.delete_hyper_params', {
    task,
    hyperparams: items.slice(0, 19_999).map(({ section, name }) => ({ section, name })),
  });
  const deleteMs = performance.now() - started;
  assert.equal(removed.data.deleted, 19_999);
  assert.deepEqual((await server.call('tasks.get_hyper_params', { tasks: [task] })).data.params[0].hyperparams, [
    { section: 'S', name: 'p19999', value: '19999' },
  ]);
  assert.equal(paramCount(server, task), 1);
  console.log(`20,000 parameters of one section: edit ${editMs.toFixed(0)} ms, delete ${deleteMs.toFixed(0)} ms`);
});
