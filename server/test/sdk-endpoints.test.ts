import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startServer, tempDir } from './helpers';
import { createNotices, MAX_NOTICE_KINDS } from '../src/http/notices';
import { sdkEnvironment, sdkSettingsText } from '../src/sdk-settings';
import { sdkTaskShape } from '../src/services/tasks/task-shape';
import { sdkLinkTarget } from '../src/web/sdk-links';
import { deleteHyperParams, editHyperParams } from '../src/services/tasks/task-edit-endpoints';
import { SdkClient } from './sdk/client';
import { injectTransport, trainingScript } from './sdk/fixtures';
import { runScript } from './sdk/script';

test('the settings to export name the API, web and files hosts, and a key pair', () => {
  assert.deepEqual(sdkEnvironment('127.0.0.1', 8080), {
    CLEARML_API_HOST: 'http://127.0.0.1:8080/api',
    CLEARML_WEB_HOST: 'http://127.0.0.1:8080',
    CLEARML_FILES_HOST: 'http://127.0.0.1:8080/files',
    CLEARML_API_ACCESS_KEY: 'local',
    CLEARML_API_SECRET_KEY: 'local',
  });
  assert.equal(sdkEnvironment('0.0.0.0', 9000).CLEARML_API_HOST, 'http://127.0.0.1:9000/api', 'a wildcard address is reached on loopback');
  assert.equal(sdkEnvironment('::1', 80).CLEARML_WEB_HOST, 'http://[::1]:80');
  assert.match(sdkEnvironment('127.0.0.1', 1, true).CLEARML_API_ACCESS_KEY, /one of your access keys/);
  assert.match(
    sdkSettingsText('127.0.0.1', 8080),
    /^To log from a training script.*\n {2}export CLEARML_API_HOST=http:\/\/127\.0\.0\.1:8080\/api\n/,
  );
});

test('the server prints the settings after its "running at" line', async () => {
  const dir = tempDir();
  const output = await new Promise<string>((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/main.ts', '--db', join(dir, 'c.db'), '--files', join(dir, 'f'), '--no-demo', '--port', '0'],
      {
        env: { ...process.env, COMPARE_API_KEYS: '', COMPARE_KEYS_FILE: '' },
      },
    );
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('CLEARML_API_SECRET_KEY')) child.kill('SIGTERM');
    });
    child.on('exit', () => done(text));
  });
  const lines = output.split('\n');
  assert.match(lines[0], /^Compare tasks is running at http:\/\/127\.0\.0\.1:(\d+)\/$/);
  const port = /:(\d+)\/$/.exec(lines[0])![1];
  for (const name of ['CLEARML_API_HOST', 'CLEARML_WEB_HOST', 'CLEARML_FILES_HOST', 'CLEARML_API_ACCESS_KEY', 'CLEARML_API_SECRET_KEY']) {
    assert.ok(
      lines.some((l) => l.startsWith(`  export ${name}=`)),
      name,
    );
  }
  assert.ok(output.includes(`export CLEARML_FILES_HOST=http://127.0.0.1:${port}/files`));
});

test('sdkTaskShape: references become ids, the rest is kept', () => {
  const doc = {
    id: 't',
    name: 'n',
    project: { id: 'p', name: 'P' },
    user: { id: 'u', name: 'U' },
    parent: null,
    execution: { queue: { id: 'q', name: 'Q' }, artifacts: [{ key: 'a' }] },
    models: { input: [{ name: 'in', model: { id: 'm1', name: 'M' } }], output: [] },
  };
  assert.deepEqual(sdkTaskShape(doc), {
    id: 't',
    name: 'n',
    project: 'p',
    user: 'u',
    parent: null,
    execution: { queue: 'q', artifacts: [{ key: 'a' }] },
    models: { input: [{ name: 'in', model: 'm1' }], output: [] },
  });
  assert.deepEqual(
    sdkTaskShape({ id: 't', status: 'created' }),
    { id: 't', status: 'created' },
    'only_fields projections stay as they are',
  );
});

test('hyperparameter edits: none, section and all replace modes; deletes by name or section', () => {
  const current = { Args: { lr: { value: '0.1' }, bs: { value: '32' } }, General: { seed: { value: '1' } } };
  const item = { section: 'Args', name: 'lr', value: '0.2', type: 'float' };
  assert.deepEqual(Object.keys(editHyperParams(current, [item], 'none').Args), ['lr', 'bs']);
  assert.equal(editHyperParams(current, [item], 'none').Args.lr.value, '0.2');
  assert.deepEqual(Object.keys(editHyperParams(current, [item], 'section').Args), ['lr']);
  assert.deepEqual(Object.keys(editHyperParams(current, [item], 'all')), ['Args']);
  assert.equal(editHyperParams(current, [{ section: 'Args', name: 'n', value: undefined }], 'none').Args.n.value, '');
  assert.deepEqual(deleteHyperParams(current, [{ section: 'Args', name: 'lr' }]).deleted, 1);
  const whole = deleteHyperParams(current, [{ section: 'Args' }, { section: 'Missing' }]);
  assert.deepEqual([whole.deleted, Object.keys(whole.sections)], [2, ['General']]);
  assert.equal(current.Args.lr.value, '0.1', 'the input is not changed');
});

test('notices: one line per kind', () => {
  const lines: string[] = [];
  const notices = createNotices((l) => lines.push(l));
  notices.once('a', 'field a');
  notices.once('a', 'field a again');
  notices.once('b', 'field b');
  assert.deepEqual(lines, ['Not stored: field a', 'Not stored: field b']);
  assert.deepEqual(notices.seen, ['a', 'b']);
  notices.once('c', 'field "x\ny\u2028z"');
  assert.equal(lines[2], 'Not stored: field "x?y?z"', 'one line, whatever the client sent');
  notices.once('d', 'x'.repeat(500));
  assert.equal(lines[3].length, 'Not stored: '.length + 200);
  for (let i = 0; i < 300; i++) notices.once(`field ${i}`, `field ${i}`);
  assert.equal(lines.length, MAX_NOTICE_KINDS + 1, 'a client inventing field names cannot flood the log');
  assert.match(lines[lines.length - 1], /no further ones are listed/);
});

test('the other calls a script may make: parameters, configuration, artifacts, models, status, read-backs', async (t) => {
  const server = await startServer({ notice: () => {} });
  t.after(() => server.close());
  const sdk = new SdkClient(injectTransport(server.app));
  const { task } = await runScript(sdk, trainingScript('calls', 0.01, { artifactCsv: Buffer.from('a\n'), modelBytes: Buffer.from('w') }));
  await sdk.call('tasks.edit_hyper_params', {
    task,
    hyperparams: [{ section: 'properties', name: 'owner', value: 'ml-team', type: 'str' }],
  });
  await sdk.call('tasks.delete_hyper_params', { task, hyperparams: [{ section: 'General', name: 'dropout' }] });
  await sdk.call('tasks.edit_configuration', { task, configuration: [{ name: 'extra', value: 'a: 1', type: 'yaml' }] });
  assert.equal((await sdk.call('tasks.delete_configuration', { task, configuration: ['model config', 'nope'] })).deleted, 1);
  assert.equal((await sdk.call('tasks.delete_artifacts', { task, artifacts: [{ key: 'predictions', mode: 'output' }] })).deleted, 1);
  const params = (await sdk.call('tasks.get_hyper_params', { tasks: [task] })).params as {
    hyperparams: { section: string; name: string }[];
  }[];
  assert.deepEqual(params[0].hyperparams.map((p) => `${p.section}/${p.name}`).sort(), [
    'Args/augment',
    'Args/batch_size',
    'Args/lr',
    'Args/optimizer',
    'General/layers',
    'properties/owner',
  ]);
  const configs = (await sdk.call('tasks.get_configurations', { tasks: [task] })).configurations as {
    configuration: { name: string }[];
  }[];
  assert.deepEqual(
    configs[0].configuration.map((c) => c.name),
    ['extra'],
  );
  const [doc] = (await server.call('tasks.get_all_ex', { id: [task] })).data.tasks;
  assert.equal(doc.hyperparams.properties.owner.value, 'ml-team');
  assert.deepEqual(doc.execution.artifacts, []);
  const sorted = await server.call('tasks.get_all_ex', {
    id: [task],
    order_by: ['hyperparams.properties.owner.value'],
    only_fields: ['id'],
  });
  assert.equal(sorted.status, 200, 'edited parameters are indexed for sorting');

  const models = (await sdk.call('models.get_all', { task: [task] })).models as { id: string; uri: string; design: { design: string } }[];
  assert.equal(models.length, 1);
  assert.match(models[0].uri, /model_best\.pt$/);
  assert.deepEqual(models[0].design, { design: 'Linear(16, 2)' });
  assert.equal(((await sdk.call('models.get_by_id', { model: models[0].id })).model as { id: string }).id, models[0].id);

  const scalars = (await sdk.call('events.scalar_metrics_iter_histogram', { task })) as Record<
    string,
    Record<string, { x: number[]; y: number[] }>
  >;
  assert.equal(scalars.loss.train.x.length, 20);
  const variants = (await sdk.call('events.get_scalar_metrics_and_variants', { task })).metrics as Record<string, unknown>;
  assert.deepEqual(Object.keys(variants).sort(), ['accuracy', 'loss']);
  const plots = (await sdk.call('events.get_task_plots', { task, iters: 1 })).plots as { metric: string }[];
  assert.deepEqual(
    plots.map((p) => p.metric),
    ['confusion'],
  );

  await sdk.call('tasks.update', { task, comment: 'final' });
  await sdk.call('tasks.publish', { task, force: true });
  const [published] = (await server.call('tasks.get_all', { id: [task], only_fields: ['status', 'comment'] })).data.tasks;
  assert.deepEqual(published, { id: task, status: 'published', comment: 'final' });
  await sdk.call('tasks.close', { task });
  assert.equal((await server.call('tasks.get_all', { id: [task], only_fields: ['status'] })).data.tasks[0].status, 'closed');
  assert.equal((await sdk.call('users.get_vaults', { enabled: true, types: ['config'] })).vaults instanceof Array, true);
  const unknown = await server.call('tasks.delete_artifacts', { task: 'f'.repeat(32), artifacts: [] });
  assert.equal(unknown.status, 400);
  assert.match(unknown.meta.result_msg, /Invalid task id/);
});

test('the results link Task.init prints opens the task on the compare page', async (t) => {
  assert.equal(sdkLinkTarget(`/projects/p1/experiments/${'a'.repeat(32)}/output/log`), `/compare-tasks;ids=${'a'.repeat(32)}/details`);
  assert.equal(sdkLinkTarget(`/projects/*/experiments/${'b'.repeat(32)}`), `/compare-tasks;ids=${'b'.repeat(32)}/details`);
  assert.equal(sdkLinkTarget('/projects/p1/experiments'), '/tasks');
  assert.equal(sdkLinkTarget('/projects/p1/experiments/not-an-id/output'), null);
  const server = await startServer();
  t.after(() => server.close());
  const redirect = await server.app.inject({ method: 'GET', url: `/projects/p/experiments/${'c'.repeat(32)}/output/log` });
  assert.equal(redirect.statusCode, 302);
  assert.equal(redirect.headers.location, `/compare-tasks;ids=${'c'.repeat(32)}/details`);
  const other = await server.app.inject({ method: 'GET', url: '/projects/p/experiments/x/y' });
  assert.notEqual(other.statusCode, 302);
});
