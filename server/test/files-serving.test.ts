// How stored files are served (nothing may run in the app's origin) and how uploads are bounded
// (one size limit for every upload path; a failed upload leaves the old file as it was).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from './helpers';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40, 2)]);
const WAV = Buffer.concat([Buffer.from('RIFF\x24\0\0\0WAVEfmt '), Buffer.alloc(40, 3)]);
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

type Server = Awaited<ReturnType<typeof startServer>>;

/** A request under /files with a raw body (`content-type: application/octet-stream`). */
function raw(
  server: Server,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  url: string,
  payload?: Buffer | string,
  headers: Record<string, string> = {},
) {
  return server.app.inject({ method, url, headers: { 'content-type': 'application/octet-stream', ...headers }, payload });
}

function multipart(field: string, content: Buffer) {
  const boundary = '----compare-size-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${field}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

test('active files are downloads, media inline only for their real type, every /files answer sandboxed', async (t) => {
  const server = await startServer();
  const put = (path: string, bytes: Buffer) => raw(server, 'PUT', `/files/${path}`, bytes);
  t.after(() => server.close());
  const cases: [string, Buffer, string, 'inline' | 'attachment'][] = [
    ['s/good.png', PNG, 'image/png', 'inline'],
    ['s/good.JPG', JPEG, 'image/jpeg', 'inline'],
    ['s/clip.wav', WAV, 'audio/wav', 'inline'],
    ['s/notes.txt', Buffer.from('plain text'), 'text/plain; charset=utf-8', 'inline'],
    ['s/page.html', HTML, 'application/octet-stream', 'attachment'],
    ['s/page.htm', HTML, 'application/octet-stream', 'attachment'],
    ['s/page.xhtml', HTML, 'application/octet-stream', 'attachment'],
    ['s/data.xml', SVG, 'application/octet-stream', 'attachment'],
    ['s/code.js', Buffer.from('alert(1)'), 'application/octet-stream', 'attachment'],
    ['s/code.mjs', Buffer.from('alert(1)'), 'application/octet-stream', 'attachment'],
    ['s/doc.pdf', Buffer.from('%PDF-1.4'), 'application/octet-stream', 'attachment'],
    ['s/no-extension', HTML, 'application/octet-stream', 'attachment'],
    ['s/drawing.svg', SVG, 'image/svg+xml', 'attachment'],
    // Named as an image or a sound but holding a page: never inline, never typed as the page.
    ['s/fake.png', HTML, 'application/octet-stream', 'attachment'],
    ['s/fake.jpeg', PNG, 'application/octet-stream', 'attachment'],
    ['s/fake.wav', HTML, 'application/octet-stream', 'attachment'],
    ['s/fake.txt', Buffer.from('\ufeff  <html><script>alert(1)</script>'), 'application/octet-stream', 'attachment'],
  ];
  for (const [path, bytes] of cases) assert.equal((await put(path, bytes)).statusCode, 200, path);
  for (const [path, bytes, type, disposition] of cases) {
    const reply = await server.app.inject({ method: 'GET', url: `/files/${path}` });
    assert.equal(reply.statusCode, 200, path);
    assert.equal(reply.headers['content-type'], type, path);
    assert.match(String(reply.headers['content-disposition']), new RegExp(`^${disposition}; filename="${path.split('/')[1]}"`), path);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff', path);
    const csp = directives(String(reply.headers['content-security-policy']));
    assert.deepEqual(csp.get('sandbox'), [], path);
    assert.ok(!csp.has('script-src'), path);
    assert.deepEqual(csp.get('default-src'), ["'none'"], path);
    assert.deepEqual(reply.rawPayload, bytes, path);
    const head = await server.app.inject({ method: 'HEAD', url: `/files/${path}` });
    assert.equal(head.headers['content-type'], type, `HEAD ${path}`);
    assert.equal(head.headers['content-disposition'], reply.headers['content-disposition'], `HEAD ${path}`);
  }
  // A range of a fake image keeps the download type.
  const range = await server.app.inject({ method: 'GET', url: '/files/s/fake.png', headers: { range: 'bytes=0-4' } });
  assert.equal(range.statusCode, 206);
  assert.equal(range.headers['content-type'], 'application/octet-stream');
  // Errors and uploads under /files are sandboxed too; the app's pages are not.
  for (const [method, url] of [
    ['GET', '/files/s/missing.html'],
    ['GET', '/files/a/%2e%2e/x'],
    ['PUT', '/files/s/new.html'],
    ['DELETE', '/files/s/page.html'],
  ] as const) {
    const reply = await raw(server, method, url, method === 'PUT' ? 'x' : undefined);
    assert.ok(directives(String(reply.headers['content-security-policy'])).has('sandbox'), `${method} ${url}`);
  }
  const api = await server.app.inject({ method: 'GET', url: '/api/server.info' });
  assert.ok(!directives(String(api.headers['content-security-policy'])).has('sandbox'));
  // A name with quotes and non-ASCII characters is quoted safely.
  await put(`s/${encodeURIComponent('we"i\'rd\u00e9.bin')}`, Buffer.from('x'));
  const odd = await server.app.inject({ method: 'GET', url: `/files/s/${encodeURIComponent('we"i\'rd\u00e9.bin')}` });
  assert.equal(odd.headers['content-disposition'], `attachment; filename="we_i'rd_.bin"; filename*=UTF-8''we%22i%27rd%C3%A9.bin`);
  console.log(
    `${cases.length} files: images/audio/text inline only when their bytes match, html/svg/xml/js/pdf/unknown and disguised ones attachment; CSP sandbox on every /files answer`,
  );
});

test('one size limit for raw PUT, raw POST and multipart; too large is a 413 and the old file stays', async (t) => {
  const limit = 1024 * 1024;
  const server = await startServer({ maxFileBytes: limit });
  t.after(() => server.close());
  const old = Buffer.alloc(1000, 7);
  mkdirSync(join(server.filesDir, 'big'));
  const exact = Buffer.alloc(limit, 5);
  const over = Buffer.alloc(limit + 1, 6);
  const attempts: [string, () => Promise<{ statusCode: number; json(): any; headers: Record<string, unknown> }>][] = [
    ['PUT', () => raw(server, 'PUT', '/files/big/f.bin', over)],
    ['POST', () => raw(server, 'POST', '/files/big/f.bin', over)],
    ['multipart', () => server.app.inject({ method: 'POST', url: '/files/', ...multipart('/big/f.bin', over) })],
    ['multipart at a path', () => server.app.inject({ method: 'POST', url: '/files/big/f.bin', ...multipart('file', over) })],
  ];
  for (const [how, send] of attempts) {
    writeFileSync(join(server.filesDir, 'big/f.bin'), old);
    const reply = await send();
    assert.equal(reply.statusCode, 413, how);
    assert.equal(reply.json().meta.result_code, 413, how);
    assert.match(reply.json().meta.result_msg, /at most 1048576 bytes/, how);
    assert.deepEqual(readFileSync(join(server.filesDir, 'big/f.bin')), old, `${how}: the old file changed`);
    assert.deepEqual(readdirSync(join(server.filesDir, 'big')), ['f.bin'], `${how}: a temporary file was left`);
  }
  for (const [how, send] of [
    ['PUT', () => raw(server, 'PUT', '/files/big/f.bin', exact)],
    ['multipart', () => server.app.inject({ method: 'POST', url: '/files/', ...multipart('/big/f.bin', exact) })],
  ] as const) {
    writeFileSync(join(server.filesDir, 'big/f.bin'), old);
    const reply = await send();
    assert.equal(reply.statusCode, 200, how);
    assert.deepEqual(readFileSync(join(server.filesDir, 'big/f.bin')), exact, how);
  }
  console.log(
    `limit ${limit} bytes: ${attempts.length} upload paths answer 413 at ${limit + 1} bytes and keep the old file; exactly ${limit} bytes stored`,
  );
});

test('a body without a length is counted while it streams; an upload cut off keeps the old file', async (t) => {
  const limit = 1024 * 1024;
  const server = await startServer({ maxFileBytes: limit });
  t.after(() => server.close());
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (server.app.server.address() as AddressInfo).port;
  const target = join(server.filesDir, 'f.bin');
  const old = Buffer.alloc(100, 1);
  writeFileSync(target, old);
  // Chunked, 64 KiB at a time: the server answers 413 once the limit is passed, before the end.
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: '/files/f.bin',
        headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    // The server may close while the client still writes; the answer came first.
    request.on('error', (error) => setTimeout(() => reject(error), 200));
    let sent = 0;
    const pump = () => {
      while (sent < 4 * limit) {
        sent += 64 * 1024;
        if (!request.write(Buffer.alloc(64 * 1024, 9))) return void request.once('drain', pump);
      }
      request.end();
    };
    pump();
  });
  assert.equal(status, 413);
  assert.deepEqual(readFileSync(target), old);
  // Cut off half way: the connection closes, the old file stays, no temporary file is left.
  await new Promise<void>((resolve) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path: '/files/f.bin',
      headers: { 'content-type': 'application/octet-stream', 'content-length': '500000' },
    });
    request.on('error', () => resolve());
    request.write(Buffer.alloc(100_000, 2), () =>
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 100),
    );
  });
  // The server removes its temporary file once it sees the connection closed: wait for that (a busy
  // machine takes longer), bounded so that a file never removed still fails.
  for (let i = 0; i < 1500 && readdirSync(server.filesDir).length > 1; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(readdirSync(server.filesDir), ['f.bin']);
  assert.deepEqual(readFileSync(target), old);
  const declared = await raw(server, 'PUT', '/files/f.bin', Buffer.alloc(10), { 'content-length': String(10 * limit) });
  assert.equal(declared.statusCode, 413);
  console.log('chunked upload past the limit 413 before its end; an upload cut off half way left the old file and no temporary file');
});

test('a multipart body cut short or malformed is a 400 and the old file stays', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const old = Buffer.from('old contents');
  writeFileSync(join(server.filesDir, 'f.bin'), old);
  const whole = multipart('/f.bin', Buffer.alloc(5000, 4));
  for (const [what, payload] of [
    ['cut before its end', whole.payload.subarray(0, 3000)],
    ['no parts', Buffer.from('{"name":"x"}')],
    ['bad part header', Buffer.from('------compare-size-boundary\r\nnonsense\r\n\r\nabc\r\n------compare-size-boundary--\r\n')],
  ] as const) {
    const reply = await server.app.inject({ method: 'POST', url: '/files/', headers: whole.headers, payload });
    assert.equal(reply.statusCode, 400, `${what}: ${reply.body.slice(0, 300)}`);
    assert.equal(reply.json().meta.result_code, 400, what);
    assert.deepEqual(readFileSync(join(server.filesDir, 'f.bin')), old, what);
    assert.deepEqual(readdirSync(server.filesDir), ['f.bin'], what);
  }
});
