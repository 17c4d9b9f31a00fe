import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from './helpers';

test('server.info answers with the envelope and lists the extensions', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const reply = await server.call('server.info');
  assert.equal(reply.status, 200);
  assert.equal(reply.meta.result_code, 200);
  assert.equal(reply.meta.result_subcode, 0);
  assert.equal(reply.meta.result_msg, 'OK');
  assert.equal(reply.meta.error_stack, null);
  assert.deepEqual(reply.meta.error_data, {});
  assert.match(reply.meta.id, /^[0-9a-f]{32}$/);
  assert.deepEqual(reply.meta.endpoint, { name: 'server.info', requested_version: '2.31', actual_version: '2.31' });
  assert.equal(reply.data.api_version, '2.31');
  assert.equal(reply.data.capabilities.scalar_histogram_envelope, true);
  assert.equal(reply.data.capabilities.scalar_histogram_x_range, true);
  assert.equal(reply.data.capabilities.debug_images_iteration, true);
});

test('any version segment, or none, reaches the same endpoint', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  for (const version of [null, 'v2.23', 'v999.0']) {
    const reply = await server.call('server.info', {}, { version });
    assert.equal(reply.status, 200, `version ${version}`);
  }
  const reply = await server.call('server.info', {}, { version: 'v999.0' });
  assert.equal(reply.meta.endpoint.requested_version, '999.0');
  const bad = await server.call('server.info', {}, { version: 'latest' });
  assert.equal(bad.status, 404);
});

test('GET with a JSON body works like POST (the ClearML SDK sends GET)', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const created = await server.call('projects.create', { name: 'by get' }, { method: 'GET' });
  assert.equal(created.status, 200);
  const found = await server.call('projects.get_by_id', { project: created.data.id }, { method: 'GET' });
  assert.equal(found.data.project.name, 'by get');
  const empty = await server.app.inject({ method: 'GET', url: '/api/server.info' });
  assert.equal(empty.statusCode, 200);
});

test('an unknown endpoint is 404 with subcode 0', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const reply = await server.call('tasks.no_such_action');
  assert.equal(reply.status, 404);
  assert.equal(reply.meta.result_code, 404);
  assert.equal(reply.meta.result_subcode, 0);
  assert.match(reply.meta.result_msg, /tasks\.no_such_action/);
  assert.deepEqual(reply.data, {});
});

test('a body that fails validation is 400/12 naming the field', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const missing = await server.call('events.get_multi_task_metrics', {});
  assert.equal(missing.status, 400);
  assert.equal(missing.meta.result_subcode, 12);
  assert.match(missing.meta.result_msg, /tasks/);
  const wrongType = await server.call('events.get_multi_task_metrics', { tasks: 'abc' });
  assert.equal(wrongType.status, 400);
  assert.equal(wrongType.meta.result_subcode, 12);
  assert.match(wrongType.meta.result_msg, /tasks/);
  const badEnum = await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: ['a'], key: 'epoch' });
  assert.equal(badEnum.meta.result_subcode, 12);
  assert.match(badEnum.meta.result_msg, /key/);
  const tooMany = await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: ['a'], samples: 6001 });
  assert.equal(tooMany.meta.result_subcode, 12);
  assert.match(tooMany.meta.result_msg, /samples/);
});

test('malformed JSON is 400/12', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/v2.31/tasks.get_all_ex',
    headers: { 'content-type': 'application/json' },
    payload: '{"id": [',
  });
  assert.equal(response.statusCode, 400);
  const body = response.json();
  assert.equal(body.meta.result_subcode, 12);
  assert.deepEqual(body.data, {});
});

test('auth.login returns a JWT the SDK can decode', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const response = await server.app.inject({
    method: 'GET',
    url: '/api/auth.login',
    headers: { authorization: `Basic ${Buffer.from('key:secret').toString('base64')}` },
  });
  assert.equal(response.statusCode, 200);
  const token: string = response.json().data.token;
  const parts = token.split('.');
  assert.equal(parts.length, 3);
  const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
  assert.equal(payload.api_version, '2.31');
  assert.equal(payload.feature_set, 'basic');
  assert.ok(payload.exp > Date.now() / 1000);
  assert.equal(typeof payload.server_version, 'string');
});
