// Client regular expressions (`name` filters) run on RE2: hostile patterns answer quickly and
// correctly, patterns RE2 cannot run answer 400 naming the field, and compiled patterns are bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientPattern, clientPatternCacheSize, PATTERN_CACHE_SIZE } from '../src/db/name-pattern';
import { createProject, createTask, startServer, type TestServer } from './helpers';

const HOSTILE_NAME = 'a'.repeat(28) + '!';
const LONG_HOSTILE_NAME = 'a'.repeat(1000) + '!';

async function post(base: string, name: string, body: unknown) {
  const started = performance.now();
  const response = await fetch(`${base}/api/v2.31/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { meta: Record<string, any>; data: any };
  return { status: response.status, ...json, ms: performance.now() - started, done: performance.now() };
}

async function listening(server: TestServer): Promise<string> {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

test('hostile name patterns answer with the right models, tasks and projects while server.info answers too', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server, HOSTILE_NAME);
  await createProject(server, 'aaaa');
  for (const name of [HOSTILE_NAME, LONG_HOSTILE_NAME, 'aaaa', 'b!', 'other']) {
    const model = await server.call('models.create', { name, uri: 'file:///m.pt' });
    assert.equal(model.status, 200, model.meta.result_msg);
    await createTask(server, project, { name });
  }
  const base = await listening(server);
  const cases: [pattern: string, expected: string[]][] = [
    ['.*.*.*.*.*.*.*.*!', [HOSTILE_NAME, LONG_HOSTILE_NAME, 'b!']],
    ['^(a+)+$', ['aaaa']],
    ['(a|aa)*b', ['b!']],
  ];
  for (const [pattern, expected] of cases) {
    const models = post(base, 'models.get_all', { name: pattern });
    const tasks = post(base, 'tasks.get_all_ex', { name: pattern, only_fields: ['name'] });
    const projects = post(base, 'projects.get_all_ex', { name: pattern });
    // Sent while the three hostile requests are in flight.
    const info = post(base, 'server.info', {});
    const [m, t, p, i] = await Promise.all([models, tasks, projects, info]);
    for (const reply of [m, t, p, i]) assert.equal(reply.status, 200, `${pattern}: ${reply.meta.result_msg}`);
    assert.deepEqual(m.data.models.map((x: { name: string }) => x.name).sort(), [...expected].sort(), `models ${pattern}`);
    assert.deepEqual(t.data.tasks.map((x: { name: string }) => x.name).sort(), [...expected].sort(), `tasks ${pattern}`);
    const projectNames = p.data.projects.map((x: { name: string }) => x.name);
    assert.deepEqual(projectNames.sort(), [HOSTILE_NAME, 'aaaa'].filter((n) => expected.includes(n)).sort(), `projects ${pattern}`);
    console.log(
      `${pattern}: models ${m.ms.toFixed(1)} ms, tasks ${t.ms.toFixed(1)} ms, projects ${p.ms.toFixed(1)} ms; ` +
        `server.info sent alongside answered in ${i.ms.toFixed(1)} ms`,
    );
  }
});

test('name patterns keep ClearML meaning: case-insensitive, found anywhere, escapes as the SDK sends them', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  for (const name of ['My Run 1', 'my task', 'résumé run', 'other']) await createTask(server, project, { name });
  const names = async (pattern: string) => {
    const reply = await server.call('tasks.get_all_ex', { name: pattern, only_fields: ['name'], order_by: ['name'] });
    assert.equal(reply.status, 200, reply.meta.result_msg);
    return reply.data.tasks.map((t: { name: string }) => t.name);
  };
  assert.deepEqual(await names('RUN'), ['My Run 1', 'résumé run']);
  assert.deepEqual(await names('^my\\ task$'), ['my task'], "Python's re.escape escapes spaces");
  assert.deepEqual(await names('RÉSUMÉ'), ['résumé run']);
  assert.deepEqual(await names('^r\\ésum\\é\\ run$'), ['résumé run'], 'Python 3.6 re.escape escapes non-ASCII letters');
  assert.deepEqual(await names('\\\\é'), [], 'an escaped backslash before é is a backslash');
  assert.deepEqual(await names('run [12]$'), ['My Run 1']);
});

test('patterns RE2 cannot run answer 400 naming the field', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const refused = ['(a)\\1', '(?=a)', '(?!a)b', '(?<=a)b', '[', 'a{1001}', '(\\w{99}|\\d{99}){20}'];
  for (const pattern of refused) {
    for (const endpoint of ['tasks.get_all_ex', 'tasks.get_all', 'projects.get_all_ex', 'models.get_all']) {
      const reply = await server.call(endpoint, { name: pattern });
      assert.equal(reply.status, 400, `${endpoint} ${pattern}`);
      assert.equal(reply.meta.result_code, 400);
      assert.match(reply.meta.result_msg, /^Validation error: name is not a regular expression/, `${endpoint} ${pattern}`);
      assert.equal(reply.meta.error_data.field, 'name');
    }
  }
});

test('compiled patterns are kept once each, in a bounded cache', () => {
  assert.equal(clientPattern('name', 'abc'), clientPattern('name', 'abc'), 'one compilation per pattern');
  for (let i = 0; i < PATTERN_CACHE_SIZE * 4; i++) clientPattern('name', `run ${i}$`);
  assert.equal(clientPatternCacheSize(), PATTERN_CACHE_SIZE);
  assert.equal(clientPattern('name', 'RUN 7$').test('a run 7'), true);
});
