import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './helpers';
import { TokenSigner } from '../src/auth/tokens';
import { SdkClient, CLIENT_API_VERSION } from './sdk/client';
import { injectTransport, pngImage, trainingScript } from './sdk/fixtures';
import { exactMatchRegex, runScript } from './sdk/script';

type Json = Record<string, any>;

function client(server: TestServer, options: ConstructorParameters<typeof SdkClient>[1] = {}) {
  return new SdkClient(injectTransport(server.app), options);
}

/** The answer of the last call of that name. */
function answer(c: SdkClient, name: string): Json {
  const found = [...c.calls].reverse().find((call) => call.name === name);
  assert.ok(found, `${name} was called`);
  return found.response.data;
}

async function read(server: TestServer, name: string, body: object): Promise<Json> {
  const reply = await server.call(name, body);
  assert.equal(reply.status, 200, `${name}: ${JSON.stringify(reply.meta)}`);
  return reply.data;
}

function isSubsequence(needle: string[], haystack: string[]): boolean {
  let at = 0;
  for (const name of haystack) if (name === needle[at]) at++;
  return at === needle.length;
}

test('a fresh run: Task.init, reporting and close answer everything the SDK reads', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const sdk = client(server);
  const spec = trainingScript('fresh run', 0.01, {
    artifactCsv: Buffer.from('id,label\n1,cat\n2,dog\n'),
    modelBytes: Buffer.from('weights'),
  });
  const run = await runScript(sdk, spec);

  const claims = sdk.claims!;
  assert.equal(claims.api_version, '2.31');
  assert.equal(claims.feature_set, 'basic');
  assert.equal(typeof claims.server_version, 'string');
  assert.ok(claims.exp > Date.now() / 1000 + 3600, 'the token outlives a training run');
  assert.equal(sdk.calls[0].name, 'auth.login');
  for (const call of sdk.calls) {
    assert.equal(call.status, 200, call.name);
    assert.equal(call.response.meta.result_code, 200, call.name);
  }
  assert.ok(
    isSubsequence(
      [
        'auth.login',
        'projects.get_all',
        'projects.create',
        'tasks.create',
        'tasks.get_by_id',
        'tasks.started',
        'projects.get_by_id',
        'events.add_batch',
        'tasks.edit',
        'tasks.set_requirements',
        'tasks.get_all',
        'files.upload',
        'events.add_batch',
        'tasks.ping',
        'tasks.add_or_update_artifacts',
        'models.create',
        'models.edit',
        'tasks.add_or_update_model',
        'tasks.completed',
      ],
      sdk.names(),
    ),
    sdk.names().join(' '),
  );
  assert.ok(
    sdk.calls.some((c) => c.name === 'tasks.edit'),
    'GET bodies reached the server',
  );

  const project = answer(sdk, 'projects.get_by_id').project;
  assert.deepEqual([typeof project.id, project.name], ['string', 'SDK replay']);
  const task = answer(sdk, 'tasks.get_by_id').task;
  assert.equal(task.id, run.task);
  assert.equal(task.project, run.project, 'project is an id string');
  assert.equal(typeof task.user, 'string');
  assert.deepEqual(task.output, {});
  for (const field of ['script', 'execution', 'runtime', 'hyperparams', 'configuration', 'system_tags', 'models'])
    assert.ok(field in task, field);
  assert.deepEqual(task.system_tags, ['development']);
  assert.equal(answer(sdk, 'tasks.completed').fields.status, 'completed');
  const polled = await read(server, 'tasks.get_all', { id: [run.task], only_fields: ['status', 'status_message'] });
  assert.deepEqual(polled.tasks, [{ id: run.task, status: 'completed', status_message: '' }]);

  // the uploaded image, served back at the URL in the event
  const url = new URL(run.imageUrls[1]);
  const image = await server.app.inject({ method: 'GET', url: url.pathname });
  assert.equal(image.statusCode, 200);
  assert.deepEqual(image.rawPayload, spec.images![1]);

  const [doc] = (
    await read(server, 'tasks.get_all_ex', {
      id: [run.task],
      only_fields: [
        'status',
        'project.name',
        'hyperparams',
        'configuration',
        'script',
        'execution',
        'models.output.name',
        'models.output.model.uri',
        'models.output.model.design',
        'last_iteration',
      ],
    })
  ).tasks;
  assert.equal(doc.status, 'completed');
  assert.equal(doc.project.name, 'SDK replay');
  assert.deepEqual(Object.keys(doc.hyperparams).sort(), ['Args', 'General']);
  assert.equal(doc.hyperparams.Args.lr.value, '0.01');
  assert.equal(doc.hyperparams.General.layers.value, '3');
  assert.equal(doc.configuration['model config'].value, 'depth: 3\nwidth: 100\n');
  assert.match(doc.script.requirements.pip, /numpy==1\.26\.4/);
  assert.equal(doc.execution.artifacts[0].key, 'predictions');
  assert.equal(doc.models.output[0].name, 'best');
  assert.match(doc.models.output[0].model.uri, /\/models\/model_best\.pt$/, 'the model copy shows the uploaded weights');
  assert.deepEqual(doc.models.output[0].model.design, { design: 'Linear(16, 2)' });
  assert.equal(doc.last_iteration, 19);

  const scalars = await read(server, 'events.multi_task_scalar_metrics_iter_histogram', { tasks: [run.task] });
  assert.deepEqual(Object.keys(scalars.metrics).sort(), ['accuracy', 'loss']);
  assert.equal(scalars.metrics.loss.train[run.task].x.length, 20);
  const plots = await read(server, 'events.get_multi_task_plots', { tasks: [run.task] });
  assert.ok(plots.plots.confusion.test[run.task]);
  const samples = await read(server, 'events.debug_images', { metrics: [{ task: run.task, metric: 'samples' }], iters: 5 });
  const urls = JSON.stringify(samples);
  for (const u of run.imageUrls) assert.ok(urls.includes(u), `debug sample ${u}`);
  const single = await read(server, 'events.get_task_single_value_metrics', { tasks: [run.task] });
  assert.equal(single.tasks[0].values[0].value, 0.51);
  const log = await read(server, 'events.get_task_log', { task: run.task });
  assert.ok(log.events.some((e: Json) => e.msg === 'training done'));
  assert.ok(log.events.some((e: Json) => String(e.msg).includes(`created new task id=${run.task}`)));
});

test('a re-run of the same script reuses its task: tasks.reset clears it, the same id gets the new run', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const first = await runScript(client(server), trainingScript('rerun', 0.01, { iterations: 30 }));
  const sdk = client(server);
  const second = await runScript(sdk, trainingScript('rerun', 0.02, { iterations: 10, images: [pngImage(4, 4, [0, 0, 255])] }), first.task);
  assert.equal(second.task, first.task);
  assert.equal(second.reused, true);
  assert.ok(
    isSubsequence(['tasks.get_all', 'projects.get_by_id', 'tasks.get_by_id', 'tasks.reset', 'tasks.edit', 'tasks.started'], sdk.names()),
  );
  const reset = answer(sdk, 'tasks.reset');
  assert.equal(reset.fields.status, 'created');
  const afterReset = sdk.calls.findIndex((c) => c.name === 'tasks.reset');
  const started = sdk.calls.findIndex((c, i) => i > afterReset && c.name === 'tasks.started');
  assert.equal((sdk.calls[started].response.data as Json).fields.status, 'in_progress');

  const [doc] = (await read(server, 'tasks.get_all_ex', { id: [first.task] })).tasks;
  assert.equal(doc.status, 'completed');
  assert.equal(doc.hyperparams.Args.lr.value, '0.02');
  assert.equal(doc.last_iteration, 9, "the first run's 30 iterations are gone");
  const scalars = await read(server, 'events.multi_task_scalar_metrics_iter_histogram', { tasks: [first.task] });
  assert.equal(scalars.metrics.loss.train[first.task].x.length, 10);
  const samples = JSON.stringify(
    await read(server, 'events.debug_images', { metrics: [{ task: first.task, metric: 'samples' }], iters: 5 }),
  );
  assert.ok(samples.includes(second.imageUrls[0]));
  assert.ok(!samples.includes(first.imageUrls[1]), "the first run's samples are gone");
  const tasks = await read(server, 'tasks.get_all_ex', { only_fields: ['id'] });
  assert.equal(tasks.tasks.length, 1, 'no second task');
});

test('a re-run of a script that stored artifacts gets a new task, as the SDK decides', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const first = await runScript(client(server), trainingScript('with artifacts', 0.01, { artifactCsv: Buffer.from('a\n1\n') }));
  const second = await runScript(client(server), trainingScript('with artifacts', 0.01), first.task);
  assert.equal(second.reused, false);
  assert.notEqual(second.task, first.task);
});

test('what the server does not store is told once per kind, and the run goes on', async (t) => {
  const lines: string[] = [];
  const server = await startServer({ notice: (line) => lines.push(line) });
  t.after(() => server.close());
  const sdk = client(server);
  const first = await runScript(sdk, trainingScript('notices', 0.01, { images: [] }));
  await runScript(sdk, trainingScript('notices', 0.01, { images: [] }), first.task); // _clear_task sends output_dest
  await sdk.call('tasks.edit', { task: first.task, force: true, output_dest: 'http://127.0.0.1:8080/files' });
  const vector = { type: 'training_stats_vector', task: first.task, metric: 'm', variant: 'v', iter: 0, values: [1, 2] };
  const batch = await sdk.addBatch([vector, vector]);
  assert.equal(batch.errors, 2);
  await sdk.call('workers.register', { worker: 'trainer-01' });
  await sdk.call('workers.register', { worker: 'trainer-01' });
  const model = String((await sdk.call('models.create', { name: 'm', uri: 'file://' })).id);
  await sdk.call('models.set_ready', { model });
  await sdk.call('models.edit', { model, comment: 'c', tags: ['x'] });
  const count = (pattern: RegExp) => lines.filter((l) => pattern.test(l)).length;
  assert.equal(count(/'output_dest'/), 1, lines.join('\n'));
  assert.equal(count(/'training_stats_vector'/), 1);
  assert.equal(count(/workers\.register/), 1);
  assert.equal(count(/models\.set_ready/), 1);
  assert.equal(count(/model field 'comment'/), 1);
  assert.equal(count(/model field 'tags'/), 1);
  assert.ok(lines.every((l) => l.startsWith('Not stored: ')));
  assert.equal(lines.length, new Set(lines).size);
});

test('with access keys configured, the SDK logs in with its key pair and then sends the token', async (t) => {
  const server = await startServer({ apiKeys: new Map([['TRAINER', 'trainer-secret-1']]) });
  t.after(() => server.close());
  const run = await runScript(client(server, { accessKey: 'TRAINER', secretKey: 'trainer-secret-1' }), trainingScript('keys', 0.01));
  assert.equal(
    (await server.app.inject({ method: 'GET', url: `/api/v${CLIENT_API_VERSION}/tasks.get_by_id`, payload: { task: run.task } }))
      .statusCode,
    401,
  );
  await assert.rejects(
    runScript(client(server, { accessKey: 'TRAINER', secretKey: 'wrong-secret' }), trainingScript('keys', 0.01)),
    /auth\.login: 401/,
  );
});

test('an expired token: the call answers 401, the SDK logs in again once and the call goes through', async (t) => {
  let now = 1_800_000_000;
  const server = await startServer({
    apiKeys: new Map([['TRAINER', 'trainer-secret-1']]),
    tokenSigner: new TokenSigner(undefined, () => now),
  });
  t.after(() => server.close());
  const sdk = client(server, { accessKey: 'TRAINER', secretKey: 'trainer-secret-1' });
  const run = await runScript(sdk, trainingScript('expiry', 0.01, { images: [] }));
  const logins = sdk.names().filter((n) => n === 'auth.login').length;
  now += 3 * 24 * 3600;
  const polled = (await sdk.call('tasks.get_all', { id: [run.task], only_fields: ['status'] })).tasks as Json[];
  assert.equal(polled[0].status, 'completed');
  assert.equal(sdk.names().filter((n) => n === 'auth.login').length, logins + 1);
  assert.ok(sdk.claims!.exp > now);
});

test('Task.init finds its project by the escaped name the SDK sends, whatever characters the name holds', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const name = 'exp (v2) + a.b-c #1 & ~x [y] {z} $5 ^ | * ?';
  assert.equal(exactMatchRegex('a b.c-d'), '^a\\ b\\.c\\-d$', 'as Python escapes it');
  const first = await runScript(client(server), trainingScript('escaped', 0.01, { project: name, images: [] }));
  const sdk = client(server);
  const second = await runScript(sdk, trainingScript('escaped 2', 0.01, { project: name, images: [] }));
  assert.equal(second.project, first.project);
  assert.ok(!sdk.names().includes('projects.create'), 'the project was found, not created twice');
});
