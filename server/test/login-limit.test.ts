// Wrong secrets cannot be guessed at speed: failures are counted per client address and per access
// key, answered 429 with Retry-After, and a client with the right secret is not held by another's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTrustProxy } from '../src/web/trust-proxy';
import { LoginLimit } from '../src/auth/login-limit';
import { startServer } from './helpers';

const ACCESS = 'ANALYST1';
const SECRET = 'Sup3r-Secret-Value-4821';
const keys = new Map([
  [ACCESS, SECRET],
  ['OTHER', 'another-secret-99'],
]);
const basic = (access: string, secret: string) => `Basic ${Buffer.from(`${access}:${secret}`).toString('base64')}`;

test('auth.login and Basic calls: 10 wrong secrets from an address, then 429 with Retry-After until the minute ends', async (t) => {
  let now = 1_000_000;
  const server = await startServer({ apiKeys: keys, loginLimit: { now: () => now } });
  const login = (authorization: string, remoteAddress = '10.0.0.1') =>
    server.app.inject({ method: 'POST', url: '/api/auth.login', payload: {}, headers: { authorization }, remoteAddress });
  const basicCall = (authorization: string, remoteAddress: string) =>
    server.app.inject({ method: 'POST', url: '/api/projects.get_all', payload: {}, headers: { authorization }, remoteAddress });
  t.after(() => server.close());
  for (let i = 0; i < 10; i++) {
    const wrong = await (i % 2 ? login(basic(ACCESS, `guess-${i}`)) : basicCall(basic(ACCESS, `guess-${i}`), '10.0.0.1'));
    assert.equal(wrong.statusCode, 401, `attempt ${i + 1}`);
    assert.equal(wrong.headers['retry-after'], undefined);
  }
  now += 10_000;
  for (const reply of [
    await login(basic(ACCESS, 'guess-11')),
    await login(basic(ACCESS, SECRET)),
    await basicCall(basic('OTHER', 'another-secret-99'), '10.0.0.1'),
  ]) {
    assert.equal(reply.statusCode, 429, 'the address waits, whatever it sends');
    assert.equal(reply.headers['retry-after'], '50');
    assert.equal(reply.json().meta.result_code, 429);
    assert.match(reply.json().meta.result_msg, /Too many failed sign-ins from this address: try again in 50 s/);
    assert.equal(reply.json().data.token, undefined);
  }
  // Another client with the right secret for the same key is not held.
  const other = await login(basic(ACCESS, SECRET), '10.0.0.2');
  assert.equal(other.statusCode, 200);
  assert.ok(other.json().data.token);
  assert.equal((await basicCall(basic(ACCESS, SECRET), '10.0.0.3')).statusCode, 200);
  // A token already handed out keeps working from the held address.
  const bearer = await server.app.inject({
    method: 'POST',
    url: '/api/projects.get_all',
    payload: {},
    headers: { authorization: `Bearer ${other.json().data.token}` },
    remoteAddress: '10.0.0.1',
  });
  assert.equal(bearer.statusCode, 200);
  now += 50_000;
  const after = await login(basic(ACCESS, SECRET));
  assert.equal(after.statusCode, 200, 'the window ended');
  console.log(
    '10 wrong secrets -> 429 Retry-After 50 for that address (right secret too); other addresses with the right secret 200; after the minute 200',
  );
});

test('an access key guessed from many addresses is held for new addresses, not for those that signed in with it', async (t) => {
  let now = 5_000_000;
  const server = await startServer({ apiKeys: keys, loginLimit: { now: () => now } });
  const login = (access: string, secret: string, remoteAddress: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/auth.login',
      payload: {},
      headers: { authorization: basic(access, secret) },
      remoteAddress,
    });
  t.after(() => server.close());
  assert.equal((await login(ACCESS, SECRET, '10.1.0.1')).statusCode, 200, 'a user signs in before the attack');
  for (let a = 0; a < 5; a++) {
    for (let i = 0; i < 10; i++) assert.equal((await login(ACCESS, `guess-${a}-${i}`, `10.2.0.${a}`)).statusCode, 401);
  }
  const fresh = await login(ACCESS, SECRET, '10.3.0.1');
  assert.equal(fresh.statusCode, 429);
  assert.match(fresh.json().meta.result_msg, /for this access key/);
  assert.equal(fresh.headers['retry-after'], '60');
  assert.equal((await login(ACCESS, SECRET, '10.1.0.1')).statusCode, 200, 'the address that signed in before goes on');
  assert.equal((await login('OTHER', 'another-secret-99', '10.3.0.1')).statusCode, 200, 'other keys are not held');
  now += 60_000;
  assert.equal((await login(ACCESS, SECRET, '10.3.0.1')).statusCode, 200);
});

test('memory stays bounded under guesses from many addresses and unknown keys', () => {
  const limit = new LoginLimit((access) => access === 'KNOWN');
  for (let i = 0; i < 30_000; i++) limit.failed(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `unknown-${i}`);
  const internals = limit as unknown as { byAddress: { size: number }; byKey: Map<string, unknown> };
  assert.ok(internals.byAddress.size <= 10_000, `addresses kept: ${internals.byAddress.size}`);
  assert.equal(internals.byKey.size, 0, 'unknown access keys are not kept');
  // The most recent address is still held.
  for (let i = 0; i < 9; i++) limit.failed('10.0.117.47', 'x');
  assert.throws(() => limit.assertAllowed('10.0.117.47', 'x'), /Too many failed sign-ins/);
  console.log(`30,000 addresses with unknown keys: ${internals.byAddress.size} addresses kept, ${internals.byKey.size} keys`);
});

test('behind a reverse proxy named by --trust-proxy, each client is counted by its own address', async (t) => {
  const wrongTenTimes = async (login: (secret: string, client: string) => Promise<{ statusCode: number }>) => {
    for (let i = 0; i < 10; i++) assert.equal((await login(`guess-${i}`, '203.0.113.7')).statusCode, 401);
  };
  const through =
    (server: Awaited<ReturnType<typeof startServer>>) =>
    (secret: string, client: string, remoteAddress = '127.0.0.1') =>
      server.app.inject({
        method: 'POST',
        url: '/api/auth.login',
        payload: {},
        headers: { authorization: basic(ACCESS, secret), 'x-forwarded-for': client },
        remoteAddress,
      });
  // Without it every client is the proxy: one client's guesses hold the others.
  const plain = await startServer({ apiKeys: keys });
  t.after(() => plain.close());
  await wrongTenTimes(through(plain));
  assert.equal((await through(plain)(SECRET, '198.51.100.2')).statusCode, 429);

  const proxied = await startServer({ apiKeys: keys, trustProxy: parseTrustProxy('127.0.0.1') });
  t.after(() => proxied.close());
  const login = through(proxied);
  await wrongTenTimes(login);
  assert.equal((await login(SECRET, '203.0.113.7')).statusCode, 429, 'the guessing client waits');
  assert.equal((await login(SECRET, '198.51.100.2')).statusCode, 200, 'another client behind the proxy does not');
  // A client that is not the proxy cannot choose its address by sending the header itself.
  for (let i = 0; i < 10; i++) assert.equal((await login(`guess-${i}`, `192.0.2.${i}`, '10.9.9.9')).statusCode, 401);
  assert.equal((await login(SECRET, '192.0.2.200', '10.9.9.9')).statusCode, 429);
});

test('--trust-proxy values: true, addresses and ranges; anything else is refused with the option named', () => {
  assert.equal(parseTrustProxy(''), false);
  assert.equal(parseTrustProxy('true'), true);
  assert.throws(() => parseTrustProxy('2'), /--trust-proxy/);
  assert.equal(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1'), '127.0.0.1,10.0.0.0/8,::1');
  assert.equal(parseTrustProxy('loopback'), 'loopback');
  assert.throws(() => parseTrustProxy('nginx.local'), /--trust-proxy must be true or the proxies' addresses/);
  assert.throws(() => parseTrustProxy('127.0.0.1,,'), /--trust-proxy/);
});
