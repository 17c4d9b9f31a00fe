// Hostile file requests: traversal in every spelling, symbolic links out of the folder, and Range
// headers that are huge, malformed, several or past the end.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { startServer, tempDir } from './helpers';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-FOLDER';

function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: response.headers }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A files folder inside a parent that also holds a secret file and a secret folder. */
async function hostileSetup() {
  const parent = tempDir('compare-files-');
  const filesDir = join(parent, 'files');
  mkdirSync(join(filesDir, 'inside'), { recursive: true });
  mkdirSync(join(parent, 'outside'));
  writeFileSync(join(parent, 'secret.txt'), SECRET);
  writeFileSync(join(parent, 'outside', 'secret.txt'), SECRET);
  writeFileSync(join(filesDir, 'inside', 'ok.txt'), 'inside');
  symlinkSync(join(parent, 'secret.txt'), join(filesDir, 'leak.txt'));
  symlinkSync(join(parent, 'outside'), join(filesDir, 'out'));
  symlinkSync(join(filesDir, 'inside', 'ok.txt'), join(filesDir, 'alias.txt'));
  const server = await startServer({ filesDir });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return { server, parent, filesDir, port: (server.app.server.address() as AddressInfo).port };
}

test('traversal in any spelling never leaves the files folder', async (t) => {
  const { server, port } = await hostileSetup();
  t.after(() => server.close());
  const paths = [
    '/files/../secret.txt',
    '/files/inside/../../secret.txt',
    '/files/%2e%2e/secret.txt',
    '/files/%2E%2E%2Fsecret.txt',
    '/files/inside/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/files/%252e%252e%252fsecret.txt',
    '/files/%252e%252e/secret.txt',
    '/files/..%5csecret.txt',
    '/files/inside\\..\\..\\secret.txt',
    '/files/inside%5c..%5c..%5csecret.txt',
    '/files//etc/passwd',
    '/files/%2fetc%2fpasswd',
    '/files/C:%5cWindows%5cwin.ini',
    '/files/inside/ok.txt%00.png',
    '/files/.%2e/secret.txt',
    '/files/%c0%ae%c0%ae/secret.txt',
  ];
  const seen: string[] = [];
  for (const path of paths) {
    for (const method of ['GET', 'PUT']) {
      const response = await raw(
        port,
        method,
        path,
        method === 'PUT' ? { 'content-type': 'text/plain' } : {},
        method === 'PUT' ? 'x' : undefined,
      );
      assert.ok([400, 403, 404].includes(response.status), `${method} ${path}: ${response.status}`);
      assert.ok(!response.body.includes(SECRET), `${method} ${path} leaked the secret`);
      assert.equal(JSON.parse(response.body).meta.result_code, response.status, `${method} ${path}: envelope`);
      seen.push(`${response.status}`);
    }
  }
  assert.ok(!existsSync(join(server.filesDir, '..', 'x')));
  for (const path of ['/files/inside', '/files/inside/ok.txt/under-a-file.txt']) {
    const conflict = await raw(port, 'PUT', path, { 'content-type': 'text/plain' }, 'x');
    assert.equal(conflict.status, 409, path);
    assert.match(JSON.parse(conflict.body).meta.result_msg, /Cannot store a file at/);
  }
  const inside = await raw(port, 'GET', '/files/inside/ok.txt');
  assert.equal(inside.body, 'inside');
  console.log(
    `traversal: ${paths.length} spellings x GET/PUT refused (${[...new Set(seen)].sort().join('/')}), no secret served, a PUT onto a folder or through a file 409, a normal file still served`,
  );
});

test('symbolic links that lead out of the folder are refused (403), links inside it work', async (t) => {
  const { server, parent, port } = await hostileSetup();
  t.after(() => server.close());
  const leak = await raw(port, 'GET', '/files/leak.txt');
  assert.equal(leak.status, 403);
  assert.ok(!leak.body.includes(SECRET));
  const viaDir = await raw(port, 'GET', '/files/out/secret.txt');
  assert.equal(viaDir.status, 403);
  const write = await raw(port, 'PUT', '/files/out/planted.txt', { 'content-type': 'text/plain' }, 'planted');
  assert.equal(write.status, 403);
  assert.equal(existsSync(join(parent, 'outside', 'planted.txt')), false);
  const deeper = await raw(port, 'PUT', '/files/out/new/dir/planted.txt', { 'content-type': 'text/plain' }, 'planted');
  assert.equal(deeper.status, 403);
  assert.equal(existsSync(join(parent, 'outside', 'new')), false);
  const overwrite = await raw(port, 'PUT', '/files/leak.txt', { 'content-type': 'text/plain' }, 'changed');
  assert.equal(overwrite.status, 403);
  const alias = await raw(port, 'GET', '/files/alias.txt');
  assert.equal(alias.status, 200);
  assert.equal(alias.body, 'inside');
  console.log('symlinks: file and folder links out of the folder refused for GET and PUT (nothing written outside); a link inside served');
});

test('Range headers: one range served, several/malformed/past the end/huge refused', async (t) => {
  const { server, port } = await hostileSetup();
  t.after(() => server.close());
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => 65 + (i % 26)));
  await server.app.inject({
    method: 'PUT',
    url: '/files/inside/data.bin',
    headers: { 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  const get = (range: string) => server.app.inject({ method: 'GET', url: '/files/inside/data.bin', headers: { range } });
  const one = await get('bytes=10-19');
  assert.equal(one.statusCode, 206);
  assert.equal(one.body, bytes.subarray(10, 20).toString());
  const suffix = await get('bytes=-5');
  assert.equal(suffix.statusCode, 206);
  assert.equal(suffix.body, bytes.subarray(995).toString());
  const open = await get('bytes=990-');
  assert.equal(open.statusCode, 206);
  assert.equal(open.headers['content-range'], 'bytes 990-999/1000');
  const otherUnit = await get('items=0-5');
  assert.equal(otherUnit.statusCode, 200);
  assert.equal(otherUnit.rawPayload.length, 1000);
  const refused = [
    'bytes=0-1,2-3',
    `bytes=${Array.from({ length: 30 }, (_, i) => `${i}-${i}`).join(',')}`,
    'bytes=abc',
    'bytes=5-1',
    'bytes=-',
    'bytes=1000-',
    'bytes=99999999999999999999-',
    `bytes=0-${'9'.repeat(300)}`,
    'garbage',
  ];
  for (const range of refused) {
    const response = await get(range);
    assert.equal(response.statusCode, 416, range.slice(0, 40));
    assert.equal(response.headers['content-range'], 'bytes */1000', range.slice(0, 40));
    assert.match(response.json().meta.result_msg, /Range not satisfiable/);
  }
  // A header beyond Node's header size limit never reaches the server code.
  const huge = await raw(port, 'GET', '/files/inside/data.bin', { range: `bytes=${'0-0,'.repeat(6000)}0-1` });
  assert.equal(huge.status, 431);
  console.log(
    `ranges: 4 valid forms served (206/200), ${refused.length} hostile ones answered 416 with Content-Range bytes */size, a 24 kB header 431`,
  );
});

test('random paths built from hostile pieces: never a 500, never a byte read or written outside', async (t) => {
  const { server, parent, port } = await hostileSetup();
  t.after(() => server.close());
  const pieces = [
    '..',
    '.',
    '%2e%2e',
    '%2E.',
    '%252e%252e',
    '%5c',
    '\\',
    '/',
    '//',
    '%2f',
    'inside',
    'ok.txt',
    'out',
    'leak.txt',
    'alias.txt',
    '%00',
    '%c0%ae',
    'ü',
    '~',
    'C:',
    '%',
    '?x=1',
    '#',
  ];
  const outsideBefore = readdirSync(parent).sort().join(',') + '|' + readdirSync(join(parent, 'outside')).sort().join(',');
  const statuses = new Map<number, number>();
  let runs = 0;
  const result = await fc.check(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 7 }),
      fc.constantFrom('GET', 'PUT'),
      async (parts, method) => {
        runs++;
        const path = `/files/${parts.join('')}`;
        const response = await raw(
          port,
          method,
          path,
          method === 'PUT' ? { 'content-type': 'text/plain' } : {},
          method === 'PUT' ? 'fuzz' : undefined,
        );
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        assert.ok(
          [200, 400, 403, 404, 409].includes(response.status),
          `${method} ${path}: ${response.status} ${response.body.slice(0, 200)}`,
        );
        assert.ok(!response.body.includes(SECRET), `${method} ${path} leaked the secret`);
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 30) * 5 },
  );
  if (result.failed) assert.fail(`${JSON.stringify(result.counterexample)}: ${(result.errorInstance as Error)?.message}`);
  const outsideAfter = readdirSync(parent).sort().join(',') + '|' + readdirSync(join(parent, 'outside')).sort().join(',');
  assert.equal(outsideAfter, outsideBefore, 'something was written outside the files folder');
  console.log(
    `random file paths: ${runs} GET/PUT requests, statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; nothing read or written outside`,
  );
});
