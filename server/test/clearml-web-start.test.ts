import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseApiKeys } from '../src/auth/keys';
import { createProject, createTask, startServer } from './helpers';

test('server.info (schema/services/server.conf): plain mode answers version, build, commit, api_version and no capabilities', async (t) => {
  const plain = await startServer({ plainClearml: true });
  const full = await startServer();
  t.after(async () => {
    await plain.close();
    await full.close();
  });
  const info = (await plain.call('server.info')).data;
  assert.deepEqual(Object.keys(info).sort(), ['api_version', 'build', 'commit', 'version']);
  assert.equal(info.api_version, '2.31');
  const extended = (await full.call('server.info')).data;
  assert.deepEqual(extended.capabilities, {
    scalar_histogram_envelope: true,
    scalar_histogram_x_range: true,
    debug_images_iteration: true,
    max_tasks_per_call: 100,
    max_histogram_samples: 6000,
  });
});

test('login.supported_modes (schema/services/login.conf): basic, sso, sso_providers, server_errors, authenticated; open without a token', async (t) => {
  const server = await startServer({ apiKeys: parseApiKeys('reader:secret-value-1') });
  t.after(() => server.close());
  const open = await server.call('login.supported_modes');
  assert.equal(open.status, 200);
  assert.deepEqual(open.data, {
    basic: { enabled: false, guest: { enabled: false } },
    sso: {},
    sso_providers: [],
    server_errors: { missed_es_upgrade: false, es_connection_error: false },
    authenticated: false,
  });
  // Other endpoints still need a token.
  assert.equal((await server.call('users.get_preferences')).status, 401);
});

test('server.report_stats_option (schema/services/server.conf): supported false, with or without enabled', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  assert.deepEqual((await server.call('server.report_stats_option')).data, { supported: false });
  assert.deepEqual((await server.call('server.report_stats_option', { enabled: true })).data, { supported: false });
  assert.equal((await server.call('server.report_stats_option', { enabled: 'yes' })).status, 400);
});

test('users.get_preferences / users.set_preferences (schema/services/users.conf): kept per user, updated 0 when unchanged, dotted keys refused', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  assert.deepEqual((await server.call('users.get_preferences')).data, { preferences: {} });
  const set = await server.call('users.set_preferences', { preferences: { views: { tasks: { cols: ['name'] } }, theme: 'dark' } });
  assert.deepEqual(set.data, { updated: 1, fields: { preferences: { views: { tasks: { cols: ['name'] } }, theme: 'dark' } } });
  const same = await server.call('users.set_preferences', { preferences: { theme: 'dark' } });
  assert.deepEqual(same.data, { updated: 0, fields: {} });
  await server.call('users.set_preferences', { preferences: { theme: 'light' } });
  assert.deepEqual((await server.call('users.get_preferences')).data.preferences, {
    views: { tasks: { cols: ['name'] } },
    theme: 'light',
  });
  // Another user (another access key) has its own.
  const other = await server.app.inject({
    method: 'POST',
    url: '/api/v2.31/users.get_preferences',
    payload: {},
    headers: { authorization: `Basic ${Buffer.from('someone:secret').toString('base64')}` },
  });
  assert.deepEqual(other.json().data.preferences, {});
  for (const bad of [{ 'a.b': 1 }, { a: { $set: 1 } }]) {
    const refused = await server.call('users.set_preferences', { preferences: bad });
    assert.equal(refused.status, 400);
    assert.equal(refused.meta.result_subcode, 16);
    assert.match(refused.meta.result_msg, /Keys cannot start with '\$' or contain '\.'/);
  }
  assert.equal((await server.call('users.set_preferences', {})).status, 400);
});

test('projects.get_user_names (schema/services/projects.conf) and organization.get_tags (schema/services/organization.conf)', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const a = await createProject(server, 'A');
  const b = await createProject(server, 'B');
  await createTask(server, a, { tags: ['zeta', 'alpha'], system_tags: ['development'] });
  await createTask(server, b, { tags: ['beta'] });
  const users = await server.call('projects.get_user_names', { projects: [a] });
  assert.deepEqual(users.data, { users: [{ id: 'local', name: 'local' }] });
  assert.deepEqual((await server.call('projects.get_user_names', { entity: 'model' })).data, { users: [] });
  assert.deepEqual((await server.call('organization.get_tags', {})).data, { tags: ['alpha', 'beta', 'zeta'] });
  assert.deepEqual((await server.call('organization.get_tags', { include_system: true })).data, {
    tags: ['alpha', 'beta', 'zeta'],
    system_tags: ['development'],
  });
});
