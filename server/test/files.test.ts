import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { startServer } from './helpers';

/** The first bytes of real PNG and JPEG files (the server checks them before serving an image inline). */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a png')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('rest of a jpeg')]);

test('PUT then GET a file: content type, ETag, conditional and range requests', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
  const put = await server.app.inject({
    method: 'PUT',
    url: '/files/demo/task/audio/clip.wav',
    headers: { 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  assert.equal(put.statusCode, 200);
  assert.equal(put.json().data.path, 'demo/task/audio/clip.wav');
  assert.deepEqual(readFileSync(join(server.filesDir, 'demo/task/audio/clip.wav')), bytes);
  const get = await server.app.inject({ method: 'GET', url: '/files/demo/task/audio/clip.wav' });
  assert.equal(get.statusCode, 200);
  assert.match(String(get.headers['content-type']), /^audio\/(x-)?wav/);
  assert.ok(get.headers.etag);
  assert.deepEqual(get.rawPayload, bytes);
  const cached = await server.app.inject({
    method: 'GET',
    url: '/files/demo/task/audio/clip.wav',
    headers: { 'if-none-match': String(get.headers.etag) },
  });
  assert.equal(cached.statusCode, 304);
  const range = await server.app.inject({ method: 'GET', url: '/files/demo/task/audio/clip.wav', headers: { range: 'bytes=100-199' } });
  assert.equal(range.statusCode, 206);
  assert.equal(range.headers['content-range'], 'bytes 100-199/1000');
  assert.deepEqual(range.rawPayload, bytes.subarray(100, 200));
  const png = await server.app.inject({ method: 'POST', url: '/files/a/b.png', headers: { 'content-type': 'image/png' }, payload: PNG });
  assert.equal(png.statusCode, 200);
  const gotPng = await server.app.inject({ method: 'GET', url: '/files/a/b.png' });
  assert.equal(gotPng.headers['content-type'], 'image/png');
  const missing = await server.app.inject({ method: 'GET', url: '/files/a/none.png' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().meta.result_code, 404);
});

function multipart(field: string, filename: string, content: Buffer) {
  const boundary = '----compare-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

test('POST /files/ multipart stores the part under its field name, as the ClearML SDK sends it', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const path = '/p/t.0123/metrics/img/rand/img_rand_00000000.jpeg';
  const body = multipart(path, path, JPEG);
  const response = await server.app.inject({ method: 'POST', url: '/files/', ...body });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(readFileSync(join(server.filesDir, path.slice(1))), JPEG);
  const get = await server.app.inject({ method: 'GET', url: `/files${path}` });
  assert.equal(get.statusCode, 200);
  assert.equal(get.headers['content-type'], 'image/jpeg');
  const named = await server.app.inject({ method: 'POST', url: '/files/x/y.jpeg', ...multipart('file', 'y.jpeg', Buffer.from('other')) });
  assert.equal(named.statusCode, 200);
  assert.equal(readFileSync(join(server.filesDir, 'x/y.jpeg'), 'utf8'), 'other');
});

/** A raw HTTP request: unlike inject(), nothing normalises `..` in the path on the way. */
function rawRequest(port: number, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method, path, headers: body === undefined ? {} : { 'content-type': 'text/plain' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

test('paths that would leave the storage folder are refused with a 400 envelope', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (server.app.server.address() as AddressInfo).port;
  const attempts: [string, string][] = [
    ['PUT', '/files/../escape.txt'],
    ['PUT', '/files/a/../../escape.txt'],
    ['PUT', '/files/a/%2e%2e/%2e%2e/escape.txt'],
    ['PUT', '/files/%2Fetc%2Fpasswd'],
    ['PUT', '/files/a/b%00.txt'],
    ['GET', '/files/a/../../../etc/passwd'],
    ['GET', '/files/..%2F..%2Fetc%2Fpasswd'],
    ['GET', '/files/a/%2e%2e/%2e%2e/etc/passwd'],
  ];
  for (const [method, url] of attempts) {
    const response = await rawRequest(port, method, url, method === 'PUT' ? 'x' : undefined);
    assert.equal(response.status, 400, `${method} ${url}`);
    const body = JSON.parse(response.body);
    assert.equal(body.meta.result_code, 400);
    assert.equal(body.meta.result_subcode, 12);
    assert.deepEqual(body.data, {});
  }
  const evil = multipart('/../../escape.txt', 'escape.txt', Buffer.from('x'));
  const response = await server.app.inject({ method: 'POST', url: '/files/', ...evil });
  assert.equal(response.statusCode, 400);
  assert.equal(existsSync(join(server.filesDir, '..', 'escape.txt')), false);
});
