// A web page the user visits must not write to the server (cross-site form/fetch posts) nor read it
// through a re-pointed host name (DNS rebinding); clients that are not browsers keep working.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { hostChecker, parseAllowedHosts } from '../src/web/request-guard';
import { createProject, startServer } from './helpers';

test('Host: loopback names, the --host address and --allowed-hosts names are answered, others 421', async (t) => {
  const loopback = hostChecker({ listenHost: '127.0.0.1' });
  for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST', '[::1]:8080', '127.0.0.2', 'app.localhost:8080', undefined]) {
    assert.equal(loopback(host), true, String(host));
  }
  for (const host of ['evil.example.com:8080', 'attacker.test', '192.168.1.5:8080', 'localhost.evil.com', '127.0.0.1.nip.io', '']) {
    assert.equal(loopback(host), false, host);
  }
  const named = hostChecker({ listenHost: '192.168.1.5', allowedHosts: parseAllowedHosts('compare.lan, Box.example.com') });
  assert.equal(named('192.168.1.5:8080'), true);
  assert.equal(named('compare.lan:8080'), true);
  assert.equal(named('box.example.com'), true);
  assert.equal(named('10.0.0.1:8080'), false);
  assert.equal(named('other.lan'), false);
  const everywhere = hostChecker({ listenHost: '0.0.0.0' });
  assert.equal(everywhere('10.0.0.1:8080'), true, 'an address cannot be re-pointed');
  assert.equal(everywhere('[fe80::1]:8080'), true);
  assert.equal(everywhere('rebound.example.com'), false);
  assert.equal(hostChecker({ allowedHosts: ['*'] })('anything.example.com'), true);
  assert.throws(() => parseAllowedHosts('good.lan, bad/name'), /--allowed-hosts: "bad\/name"/);

  const server = await startServer({ allowedHosts: ['compare.lan'] });
  t.after(() => server.close());
  for (const [url, method] of [
    ['/api/server.info', 'GET'],
    ['/files/x.png', 'GET'],
    ['/', 'GET'],
    ['/api/projects.create', 'POST'],
  ] as const) {
    const refused = await server.app.inject({
      method,
      url,
      headers: { host: 'rebound.example.com:8080' },
      payload: method === 'POST' ? { name: 'p' } : undefined,
    });
    assert.equal(refused.statusCode, 421, url);
    assert.equal(refused.json().meta.result_code, 421, url);
    assert.match(refused.json().meta.result_msg, /does not answer to the host "rebound\.example\.com:8080".*--allowed-hosts/);
  }
  assert.equal((await server.call('projects.get_all', {})).data.projects.length, 0, 'the refused create stored nothing');
  for (const host of ['compare.lan:8080', '127.0.0.1:8080', 'localhost']) {
    const ok = await server.app.inject({ method: 'GET', url: '/api/server.info', headers: { host } });
    assert.equal(ok.statusCode, 200, host);
  }
});

test('writes from another site or origin are refused (403); same-origin pages and non-browser clients are not', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const host = '127.0.0.1:8080';
  const create = (headers: Record<string, string>, name: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v2.31/projects.create',
      headers: { host, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ name }),
    });
  const refused: [string, Record<string, string>][] = [
    ['cross-site fetch', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example.com' }],
    ['another port of the same host', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:9999' }],
    ['Origin only (older browser)', { origin: 'http://evil.example.com' }],
    ['Origin of another port', { origin: 'http://127.0.0.1:9999' }],
    ['sandboxed page', { origin: 'null' }],
    ['garbage Origin', { origin: 'not a url' }],
    ['cross-site even with a same-looking Origin', { 'sec-fetch-site': 'cross-site', origin: `http://${host}` }],
  ];
  for (const [what, headers] of refused) {
    const reply = await create(headers, what);
    assert.equal(reply.statusCode, 403, what);
    assert.equal(reply.json().meta.result_code, 403, what);
    assert.match(reply.json().meta.result_msg, /request from another site is refused/, what);
  }
  const accepted: [string, Record<string, string>][] = [
    ['the app itself', { 'sec-fetch-site': 'same-origin', origin: `http://${host}` }],
    ['the app through a dev proxy', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:4200' }],
    ['typed by the user', { 'sec-fetch-site': 'none' }],
    ['older browser, same origin', { origin: `http://${host}` }],
    ['SDK / curl (no browser headers)', {}],
  ];
  for (const [what, headers] of accepted) assert.equal((await create(headers, what)).statusCode, 200, what);
  const names = (await server.call('projects.get_all', {})).data.projects.map((p: { name: string }) => p.name).sort();
  assert.deepEqual(names, accepted.map(([what]) => what).sort());

  // Uploads: refused from another site whatever the body; reading a file from anywhere is fine.
  const upload = await server.app.inject({
    method: 'POST',
    url: '/files/evil.html',
    headers: { host, 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example.com' },
    payload: '<script>alert(1)</script>',
  });
  assert.equal(upload.statusCode, 403);
  const form = await server.app.inject({
    method: 'POST',
    url: '/files/',
    headers: { host, origin: 'https://evil.example.com', 'content-type': 'multipart/form-data; boundary=b' },
    payload: '--b\r\nContent-Disposition: form-data; name="/evil.html"; filename="x"\r\n\r\n<script></script>\r\n--b--\r\n',
  });
  assert.equal(form.statusCode, 403);
  assert.deepEqual(readdirSync(server.filesDir), []);
  await server.app.inject({
    method: 'PUT',
    url: '/files/ok.png',
    headers: { host, 'content-type': 'image/png' },
    payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  });
  const image = await server.app.inject({ method: 'GET', url: '/files/ok.png', headers: { host, 'sec-fetch-site': 'cross-site' } });
  assert.equal(image.statusCode, 200);
  // A cross-site read of the API is refused too (its answer is never for another site).
  const read = await server.app.inject({
    method: 'GET',
    url: '/api/projects.get_all',
    headers: { host, 'sec-fetch-site': 'cross-site' },
  });
  assert.equal(read.statusCode, 403);
  console.log(
    `${refused.length} cross-origin spellings refused with 403, ${accepted.length} same-origin/non-browser callers accepted; cross-site uploads refused, images readable`,
  );
});

test("API bodies must be JSON: text/plain, forms and untyped bodies are 415; the SDK's GET with a JSON body works", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server, 'kept');
  const bodies: [string, string | undefined][] = [
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['urlencoded form', 'application/x-www-form-urlencoded'],
    ['multipart form', 'multipart/form-data; boundary=x'],
    ['no type', undefined],
  ];
  for (const [what, type] of bodies) {
    const reply = await server.app.inject({
      method: 'POST',
      url: '/api/v2.31/projects.update',
      headers: type ? { 'content-type': type } : {},
      payload: JSON.stringify({ project, name: 'renamed' }),
    });
    assert.equal(reply.statusCode, 415, what);
    assert.match(reply.json().meta.result_msg, /API calls send their body as application\/json/, what);
  }
  assert.equal((await server.call('projects.get_by_id', { project })).data.project.name, 'kept');
  const sdk = await server.app.inject({
    method: 'GET',
    url: '/api/v2.23/projects.get_by_id',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ project }),
  });
  assert.equal(sdk.statusCode, 200);
  const bare = await server.app.inject({ method: 'POST', url: '/api/server.info' });
  assert.equal(bare.statusCode, 200, 'a call without a body needs no type');
});

test('random Host, Origin, Sec-Fetch-Site and body types: never a 5xx, and nothing marked as from another site is stored', async (t) => {
  const fc = (await import('fast-check')).default;
  const server = await startServer({ allowedHosts: ['compare.lan'] });
  t.after(() => server.close());
  let runs = 0;
  const statuses = new Map<number, number>();
  const created: string[] = [];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('127.0.0.1:8080', 'localhost', 'compare.lan:80', 'evil.example.com', '10.0.0.1', '[::1]:8080', ''),
      fc.constantFrom(undefined, 'same-origin', 'none', 'same-site', 'cross-site', 'garbage'),
      fc.constantFrom(undefined, 'http://127.0.0.1:8080', 'http://evil.example.com', 'null', '::not a url::', 'http://127.0.0.1:9'),
      fc.constantFrom(
        'application/json',
        'application/json-lines',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        undefined,
      ),
      fc.constantFrom('POST', 'GET', 'PUT'),
      fc.constantFrom('/api/v2.31/projects.create', '/files/fuzz.txt'),
      async (host, site, origin, type, method, url) => {
        runs++;
        const name = `fuzz ${runs}`;
        const headers: Record<string, string> = { host };
        if (site) headers['sec-fetch-site'] = site;
        if (origin) headers.origin = origin;
        if (type) headers['content-type'] = type;
        const reply = await server.app.inject({ method: method as 'POST', url, headers, payload: JSON.stringify({ name }) });
        statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1);
        assert.ok(reply.statusCode < 500, `${reply.statusCode} ${reply.body.slice(0, 200)}`);
        const servedFile = method === 'GET' && url.startsWith('/files') && reply.statusCode === 200;
        if (!servedFile) assert.equal(reply.json().meta.result_code, reply.statusCode);
        const hostOk = host === '' || (!host.startsWith('evil') && host !== '10.0.0.1');
        if (!hostOk) assert.equal(reply.statusCode, 421, host);
        const marked =
          site === 'cross-site' ||
          site === 'same-site' ||
          (site !== 'same-origin' && site !== 'none' && origin !== undefined && origin !== `http://${host}`);
        if (hostOk && marked && (url.startsWith('/api') || method !== 'GET')) assert.equal(reply.statusCode, 403, JSON.stringify(headers));
        if (reply.statusCode === 200 && url.startsWith('/api')) created.push(name);
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 30) * 10 },
  );
  const stored = (await server.call('projects.get_all', {})).data.projects.map((p: { name: string }) => p.name).sort();
  assert.deepEqual(stored, created.sort(), 'only the answered creates are stored');
  console.log(
    `guard fuzz: ${runs} requests, statuses ${[...statuses]
      .sort()
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}; ${created.length} creates stored, all answered 200`,
  );
});
