import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { contentSecurityPolicy, parseFrameAncestors, sourceHash, STYLESHEET_ONLOAD } from '../src/web/security-headers';
import { startServer, tempDir } from './helpers';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

test('every kind of response carries the security headers', async (t) => {
  const appDir = tempDir();
  writeFileSync(join(appDir, 'index.html'), '<html>app</html>');
  const server = await startServer({ appDir });
  writeFileSync(join(server.filesDir, 'a.txt'), 'file');
  t.after(async () => {
    await server.close();
    rmSync(appDir, { recursive: true, force: true });
  });
  const urls = ['/', '/compare-tasks;ids=a', '/api/v2.31/server.info', '/api/nothing.here', '/files/a.txt', '/files/missing.png'];
  for (const url of urls) {
    const reply = await server.app.inject({ method: 'GET', url });
    assert.equal(reply.headers['x-content-type-options'], 'nosniff', url);
    assert.equal(reply.headers['referrer-policy'], 'no-referrer', url);
    const csp = directives(String(reply.headers['content-security-policy']));
    assert.deepEqual(csp.get('frame-ancestors'), ["'self'"], url);
    assert.deepEqual(csp.get('object-src'), ["'none'"], url);
  }
  const bad = await server.app.inject({
    method: 'POST',
    url: '/api/tasks.get_all',
    payload: '{not json',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.headers['x-content-type-options'], 'nosniff');
  console.log(`checked headers on ${urls.length + 1} responses (app, API, errors, files)`);
});

test('the policy allows scripts from the server and only the stylesheet onload handler inline', () => {
  const csp = directives(contentSecurityPolicy());
  const scripts = csp.get('script-src')!;
  assert.ok(scripts.includes("'self'"));
  assert.ok(!scripts.includes("'unsafe-inline'"), 'no inline scripts');
  assert.ok(scripts.includes(sourceHash(STYLESHEET_ONLOAD)));
  assert.equal(sourceHash("this.media='all'"), "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='");
  assert.deepEqual(csp.get('connect-src'), ["'self'"]);
  assert.deepEqual(csp.get('default-src'), ["'self'"]);
  assert.ok(!csp.get('img-src')!.includes('javascript:'));
});

test('frame-ancestors is configurable and rejects what is not an origin', async (t) => {
  assert.deepEqual(parseFrameAncestors(undefined), ["'self'"]);
  assert.deepEqual(parseFrameAncestors(''), ["'self'"]);
  assert.deepEqual(parseFrameAncestors('https://a.example.com, http://localhost:3000'), [
    "'self'",
    'https://a.example.com',
    'http://localhost:3000',
  ]);
  assert.deepEqual(parseFrameAncestors("'self' https://*.example.org"), ["'self'", 'https://*.example.org']);
  assert.deepEqual(parseFrameAncestors('none'), ["'none'"]);
  assert.deepEqual(parseFrameAncestors('http://[::1]:8080'), ["'self'", 'http://[::1]:8080']);
  for (const bad of ['example.com', 'https://a.com; script-src *', 'javascript:alert(1)', 'https://a.com/path', 'none https://a.com']) {
    assert.throws(() => parseFrameAncestors(bad), /frame-ancestors/, bad);
  }
  const server = await startServer({ frameAncestors: parseFrameAncestors('https://dash.example.com') });
  t.after(() => server.close());
  const reply = await server.app.inject({ method: 'GET', url: '/api/server.info' });
  assert.deepEqual(directives(String(reply.headers['content-security-policy'])).get('frame-ancestors'), [
    "'self'",
    'https://dash.example.com',
  ]);
});
