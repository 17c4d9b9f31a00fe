import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer, tempDir } from './helpers';

test('serves the built app with a fallback to index.html for app routes', async () => {
  const appDir = tempDir();
  writeFileSync(join(appDir, 'index.html'), '<html>app shell</html>');
  mkdirSync(join(appDir, 'media'));
  writeFileSync(join(appDir, 'main-ABC.js'), 'console.log(1)');
  writeFileSync(join(appDir, 'chunk-Q4VG3M2Y.js'), 'console.log(2)');
  writeFileSync(join(appDir, 'config.json'), '{}');
  const server = await startServer({ appDir });
  try {
    const root = await server.app.inject({ method: 'GET', url: '/' });
    assert.equal(root.statusCode, 200);
    assert.match(root.body, /app shell/);
    const deep = await server.app.inject({ method: 'GET', url: '/compare-tasks;ids=a,b/scalars/graph?smoothing=0.6' });
    assert.equal(deep.statusCode, 200);
    assert.match(deep.body, /app shell/);
    const script = await server.app.inject({ method: 'GET', url: '/main-ABC.js' });
    assert.equal(script.body, 'console.log(1)');
    assert.match(String(script.headers['content-type']), /javascript/);
    // Named by content: kept a year without revalidation. Anything else is asked again each time.
    const chunk = await server.app.inject({ method: 'GET', url: '/chunk-Q4VG3M2Y.js' });
    assert.equal(chunk.body, 'console.log(2)');
    assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(script.headers['cache-control'], 'public, max-age=0');
    const config = await server.app.inject({ method: 'GET', url: '/config.json' });
    assert.equal(config.headers['cache-control'], 'public, max-age=0');
    assert.equal(root.headers['cache-control'], 'no-cache');
    assert.equal(deep.headers['cache-control'], 'no-cache');
    const api = await server.app.inject({ method: 'GET', url: '/api/nothing.here' });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().meta.result_code, 404);
  } finally {
    await server.close();
    rmSync(appDir, { recursive: true, force: true });
  }
});

test('without a built app, / says how to build it', async () => {
  const server = await startServer({ appDir: join(tempDir(), 'missing') });
  try {
    const root = await server.app.inject({ method: 'GET', url: '/' });
    assert.equal(root.statusCode, 200);
    assert.match(root.body, /npm run build/);
  } finally {
    await server.close();
  }
});
