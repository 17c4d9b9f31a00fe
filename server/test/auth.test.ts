import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { isLoopbackHost, loadApiKeys, parseApiKeys } from '../src/auth/keys';
import { TokenSigner } from '../src/auth/tokens';
import { startServer, tempDir, type TestServer } from './helpers';

const ACCESS = 'ANALYST1';
const SECRET = 'Sup3r-Secret-Value-4821';
const keys = new Map([
  [ACCESS, SECRET],
  ['OTHER', 'another-secret-99'],
]);
const basic = (access: string, secret: string) => `Basic ${Buffer.from(`${access}:${secret}`).toString('base64')}`;

async function login(server: TestServer, authorization?: string, body: object = {}) {
  const reply = await server.app.inject({
    method: 'POST',
    url: '/api/auth.login',
    payload: body,
    headers: authorization ? { authorization } : {},
  });
  return { status: reply.statusCode, json: reply.json(), body: reply.body };
}

test('keys parse from env text and files; errors never show a secret', () => {
  assert.deepEqual(
    [...parseApiKeys('a:secret-one1, b:sec:ret:two2\n# comment\n')],
    [
      ['a', 'secret-one1'],
      ['b', 'sec:ret:two2'],
    ],
  );
  for (const bad of ['nokey', 'a:tiny', 'a:secret-one1,a:secret-two2', ':secret-xyz12']) {
    assert.throws(
      () => parseApiKeys(bad),
      (error: Error) => !error.message.includes('secret-') && !error.message.includes('tiny'),
      bad,
    );
  }
  const dir = tempDir();
  writeFileSync(join(dir, 'keys'), `# keys\n${ACCESS}:${SECRET}\n`);
  assert.equal(loadApiKeys(undefined, join(dir, 'keys'))?.get(ACCESS), SECRET);
  assert.equal(loadApiKeys('', undefined), null);
  assert.throws(() => loadApiKeys(undefined, join(dir, 'missing')), /cannot read/);
  assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('localhost') && isLoopbackHost('::1') && isLoopbackHost('[::1]'));
  assert.ok(!isLoopbackHost('0.0.0.0') && !isLoopbackHost('::') && !isLoopbackHost('192.168.1.5'));
});

test("tokens expire and must carry this server's signature", () => {
  let now = 1_000_000;
  const signer = new TokenSigner(Buffer.alloc(32, 1), () => now);
  const token = signer.sign('me', 3600);
  assert.equal(signer.verify(token)?.identity.user, 'me');
  now += 3599;
  assert.ok(signer.verify(token));
  now += 1;
  assert.equal(signer.verify(token), null, 'expired');
  now = 1_000_000;
  assert.equal(new TokenSigner(Buffer.alloc(32, 2), () => now).verify(token), null, 'another key');
  const [h, p] = token.split('.');
  const forged = Buffer.from(p, 'base64url').toString().replace('"me"', '"admin"');
  assert.equal(signer.verify(`${h}.${Buffer.from(forged).toString('base64url')}.${token.split('.')[2]}`), null, 'tampered');
});

test('with keys: auth.login checks Basic credentials; every API and file call needs the token', async (t) => {
  let now = 2_000_000;
  const server = await startServer({ apiKeys: keys, tokenSigner: new TokenSigner(undefined, () => now) });
  writeFileSync(join(server.filesDir, 'img.png'), 'png');
  t.after(() => server.close());
  const tried: string[] = [];
  for (const [label, auth] of [
    ['no header', undefined],
    ['wrong secret', basic(ACCESS, 'wrong')],
    ['unknown key', basic('NOPE', SECRET)],
  ] as const) {
    const reply = await login(server, auth);
    assert.equal(reply.status, 401, label);
    assert.equal(reply.json.meta.result_code, 401);
    assert.equal(reply.json.meta.result_subcode, 20);
    assert.ok(!reply.body.includes(SECRET), label);
    tried.push(`login ${label}: 401`);
  }
  const ok = await login(server, basic(ACCESS, SECRET), { expiration_sec: 600 });
  assert.equal(ok.status, 200);
  assert.ok(!ok.body.includes(SECRET), 'secret not in the answer');
  const token: string = ok.json.data.token;
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  assert.equal(claims.api_version, '2.31');
  assert.equal(claims.exp - claims.iat, 600);
  // the SDK's path: /api/auth.login without a version, GET with a JSON body
  const sdk = await server.app.inject({
    method: 'GET',
    url: '/api/auth.login',
    headers: { authorization: basic(ACCESS, SECRET), 'content-type': 'application/json' },
    payload: '{}',
  });
  assert.equal(sdk.statusCode, 200);

  const protectedUrls = [
    '/api/v2.31/tasks.get_all',
    '/api/projects.get_all',
    '/api/v2.23/server.info',
    '/api/no.such',
    '/%61pi/tasks.get_all',
    '//api/tasks.get_all',
    '/files/img.png',
    '/files/missing.png',
  ];
  for (const url of protectedUrls) {
    const reply = await server.app.inject({ method: 'POST', url, payload: {} });
    if (url === '//api/tasks.get_all' && reply.statusCode === 404) continue;
    assert.equal(reply.statusCode, 401, url);
    assert.equal(reply.json().meta.result_subcode, 20, url);
    assert.match(reply.json().meta.result_msg, /Not authenticated/);
  }
  tried.push(`${protectedUrls.length} URLs without a token: 401`);
  const bearer = { authorization: `Bearer ${token}` };
  assert.equal(
    (await server.app.inject({ method: 'POST', url: '/api/v2.31/tasks.get_all', payload: {}, headers: bearer })).statusCode,
    200,
  );
  assert.equal(
    (
      await server.app.inject({
        method: 'POST',
        url: '/api/tasks.get_all',
        payload: {},
        headers: { authorization: basic(ACCESS, SECRET) },
      })
    ).statusCode,
    200,
  );
  assert.equal((await server.app.inject({ method: 'GET', url: '/files/img.png', headers: bearer })).statusCode, 200);
  assert.equal(
    (await server.app.inject({ method: 'GET', url: '/files/img.png', headers: { cookie: `x=1; compare_token=${token}` } })).statusCode,
    200,
  );
  assert.equal((await server.app.inject({ method: 'GET', url: `/files/img.png?token=${token}` })).statusCode, 200);
  // the cookie and ?token= are for files only
  assert.equal(
    (await server.app.inject({ method: 'POST', url: '/api/tasks.get_all', payload: {}, headers: { cookie: `compare_token=${token}` } }))
      .statusCode,
    401,
  );
  assert.equal((await server.app.inject({ method: 'POST', url: `/api/tasks.get_all?token=${token}`, payload: {} })).statusCode, 401);
  // a bad or expired token
  assert.equal(
    (await server.app.inject({ method: 'POST', url: '/api/tasks.get_all', payload: {}, headers: { authorization: `Bearer ${token}x` } }))
      .statusCode,
    401,
  );
  now += 601;
  const expired = await server.app.inject({ method: 'POST', url: '/api/tasks.get_all', payload: {}, headers: bearer });
  assert.equal(expired.statusCode, 401);
  assert.match(expired.json().meta.result_msg, /expired/);
  tried.push('Bearer, Basic, cookie and ?token= accepted where they apply; tampered and expired tokens 401');
  // the app itself loads without a token (it shows the sign-in form)
  assert.notEqual((await server.app.inject({ method: 'GET', url: '/' })).statusCode, 401);
  console.log(tried.join('\n'));
});

// clearml-server: apiserver/config/default/apiserver.conf (auth.session_auth_cookie_name) and
// apiserver/server_init/request_handlers.py (_create_api_call: the cookie is a Bearer token, a header wins).
test("with keys: ClearML's session cookie clearml_token_basic signs in API and file calls, a header taking precedence (request_handlers.py)", async (t) => {
  let now = 3_000_000;
  const server = await startServer({ apiKeys: keys, tokenSigner: new TokenSigner(undefined, () => now) });
  writeFileSync(join(server.filesDir, 'img.png'), 'png');
  t.after(() => server.close());
  const token: string = (await login(server, basic(ACCESS, SECRET), { expiration_sec: 600 })).json.data.token;
  const post = (url: string, headers: Record<string, string>) => server.app.inject({ method: 'POST', url, payload: {}, headers });
  const session = `theme=dark; clearml_token_basic=${token}`;
  assert.equal((await post('/api/v2.31/tasks.get_all', { cookie: session })).statusCode, 200);
  assert.equal((await post('/api/projects.get_all', { cookie: session })).statusCode, 200);
  assert.equal((await server.app.inject({ method: 'GET', url: '/files/img.png', headers: { cookie: session } })).statusCode, 200);
  // another cookie's name, a bad token, or a header that does not sign in: 401
  assert.equal((await post('/api/tasks.get_all', { cookie: `clearml_token=${token}` })).statusCode, 401);
  assert.equal((await post('/api/tasks.get_all', { cookie: `clearml_token_basic=${token}x` })).statusCode, 401);
  assert.equal((await post('/api/tasks.get_all', { cookie: 'clearml_token_basic=%E0%A4%A' })).statusCode, 401);
  assert.equal((await post('/api/tasks.get_all', { cookie: session, authorization: `Bearer ${token}x` })).statusCode, 401);
  assert.equal((await post('/api/tasks.get_all', { cookie: session, authorization: basic(ACCESS, 'wrong') })).statusCode, 401);
  // a valid header with a stale cookie: the header is what counts
  assert.equal(
    (await post('/api/tasks.get_all', { cookie: `clearml_token_basic=${token}x`, authorization: `Bearer ${token}` })).statusCode,
    200,
  );
  now += 601;
  const expired = await post('/api/tasks.get_all', { cookie: session });
  assert.equal(expired.statusCode, 401);
  assert.match(expired.json().meta.result_msg, /expired/);
});

test('without keys the API stays open and any key pair gets a token (ClearML SDK flow)', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  assert.equal((await server.call('tasks.get_all', {})).status, 200);
  const reply = await login(server, basic('any', 'thing'));
  assert.equal(reply.status, 200);
  assert.equal(JSON.parse(Buffer.from(reply.json.data.token.split('.')[1], 'base64url').toString()).identity.user, 'any');
  assert.equal((await login(server)).status, 200);
});

test('secrets and tokens never reach the request log', async (t) => {
  const lines: string[] = [];
  const server = await startServer({ apiKeys: keys, logger: { write: (line) => lines.push(line) } });
  t.after(() => server.close());
  const ok = await login(server, basic(ACCESS, SECRET));
  const token: string = ok.json.data.token;
  await login(server, basic(ACCESS, `${SECRET}-wrong`));
  await server.app.inject({ method: 'GET', url: `/files/x.png?token=${token}` });
  await server.app.inject({ method: 'POST', url: '/api/tasks.get_all', payload: {}, headers: { authorization: `Bearer ${token}` } });
  const log = lines.join('');
  assert.ok(log.includes('/api/auth.login'), 'the log has the requests');
  assert.ok(!log.includes(SECRET), 'no secret');
  assert.ok(!log.includes(token), 'no token');
  assert.ok(!log.includes(token.split('.')[2]), 'no token signature');
  console.log(`${lines.length} log lines hold no secret and no token`);
});

/**
 * Runs the server's command line until it has printed `until` (its last line for the address asked
 * for: lines come in chunks of their own through the pipe, later on a busy machine), then stops it.
 */
function runMain(args: string[], env: Record<string, string> = {}, until = /running at/): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/main.ts',
        '--db',
        join(dir, 'c.db'),
        '--files',
        join(dir, 'files'),
        '--no-demo',
        '--port',
        '0',
        ...args,
      ],
      {
        env: { ...process.env, COMPARE_API_KEYS: '', COMPARE_KEYS_FILE: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (until.test(output)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolveRun({ code, output }));
  });
}

test('a port already in use is named, with how to start on another, and the server exits', async (t) => {
  const taken = createServer();
  await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
  t.after(() => taken.close());
  const port = (taken.address() as { port: number }).port;
  const run = await runMain(['--port', String(port)]);
  assert.equal(run.code, 1);
  assert.match(run.output, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
  assert.match(run.output, new RegExp(`PORT=${port + 1} npm start, or npm run serve -- --port ${port + 1}`));
  assert.doesNotMatch(run.output, /running at/);
});

test('the server refuses a non-loopback address without keys, and never prints a secret', async () => {
  const refused = await runMain(['--host', '0.0.0.0']);
  assert.equal(refused.code, 1);
  assert.match(refused.output, /Refusing to listen on 0\.0\.0\.0 without access keys/);
  // On 0.0.0.0 the last line printed names the host names answered.
  const withKeys = await runMain(['--host', '0.0.0.0'], { COMPARE_API_KEYS: `${ACCESS}:${SECRET}` }, /Host names answered/);
  assert.match(withKeys.output, /running at/);
  assert.match(withKeys.output, /Access keys: 1 \(ANALYST1\)/);
  assert.ok(!withKeys.output.includes(SECRET));
  const insecure = await runMain(['--host', '0.0.0.0', '--insecure-no-auth'], {}, /Host names answered/);
  assert.match(insecure.output, /running at[\s\S]*WARNING/);
  console.log('0.0.0.0: refused without keys, started with keys or --insecure-no-auth');
});
