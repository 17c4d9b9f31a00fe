import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { acceptsEncoding } from '../src/web/app-routes';
import { parseBasePath } from '../src/web/base-path';
import { repairedAppUrl } from '../src/web/undecodable-url';
import { startServer, tempDir } from './helpers';

test('serves the built app with a fallback to index.html for app routes', async (t) => {
  const appDir = tempDir();
  writeFileSync(join(appDir, 'index.html'), '<html>app shell</html>');
  mkdirSync(join(appDir, 'media'));
  writeFileSync(join(appDir, 'main-ABC.js'), 'console.log(1)');
  writeFileSync(join(appDir, 'chunk-Q4VG3M2Y.js'), 'console.log(2)');
  writeFileSync(join(appDir, 'config.json'), '{}');
  const server = await startServer({ appDir });
  t.after(async () => {
    await server.close();
    rmSync(appDir, { recursive: true, force: true });
  });
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
});

test('Accept-Encoding: a name or * with a q-value above 0 accepts; q=0 refuses', () => {
  assert.equal(acceptsEncoding('gzip, deflate, br, zstd', 'br'), true);
  assert.equal(acceptsEncoding('gzip, deflate', 'br'), false);
  assert.equal(acceptsEncoding('br;q=0, gzip;q=0.5', 'br'), false);
  assert.equal(acceptsEncoding('br;q=0, gzip;q=0.5', 'gzip'), true);
  assert.equal(acceptsEncoding('*', 'gzip'), true);
  assert.equal(acceptsEncoding('*, gzip;q=0', 'gzip'), false);
  assert.equal(acceptsEncoding('GZip ; Q=1', 'gzip'), true);
  assert.equal(acceptsEncoding(undefined, 'gzip'), false);
  assert.equal(acceptsEncoding('identity', 'gzip'), false);
});

test("the build's compressed copies (npm run build) go to browsers that accept them, under the original type", async (t) => {
  const appDir = tempDir();
  writeFileSync(join(appDir, 'index.html'), '<html>app shell</html>');
  mkdirSync(join(appDir, 'plotly'));
  const code = `console.log(${JSON.stringify('plot '.repeat(2000))});\n`;
  writeFileSync(join(appDir, 'chunk-Q4VG3M2Y.js'), code);
  writeFileSync(join(appDir, 'plotly', 'plotly.min.js'), code);
  writeFileSync(join(appDir, 'styles-ABCDEFGH.css'), `body { color: red; }\n`.repeat(200));
  writeFileSync(join(appDir, 'tiny.js'), 'x');
  writeFileSync(join(appDir, 'media-ABCDEFGH.woff2'), Buffer.alloc(4096, 7));
  execFileSync(process.execPath, [join(__dirname, '../../scripts/precompress.mjs'), appDir]);
  // Text files of 1 KB and more get both copies; small files and compressed formats none.
  for (const file of ['chunk-Q4VG3M2Y.js', 'plotly/plotly.min.js', 'styles-ABCDEFGH.css']) {
    assert.deepEqual(brotliDecompressSync(readFileSync(join(appDir, file + '.br'))), readFileSync(join(appDir, file)), file);
    assert.deepEqual(gunzipSync(readFileSync(join(appDir, file + '.gz'))), readFileSync(join(appDir, file)), file);
  }
  for (const file of ['tiny.js', 'media-ABCDEFGH.woff2']) assert.equal(existsSync(join(appDir, file + '.gz')), false, file);

  const server = await startServer({ appDir });
  t.after(async () => {
    await server.close();
    rmSync(appDir, { recursive: true, force: true });
  });
  const get = (url: string, encoding?: string) =>
    server.app.inject({ method: 'GET', url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

  const br = await get('/chunk-Q4VG3M2Y.js', 'gzip, deflate, br, zstd');
  assert.equal(br.statusCode, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.match(String(br.headers['content-type']), /^application\/javascript/);
  assert.match(String(br.headers['vary']), /Accept-Encoding/);
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(Number(br.headers['content-length']), br.rawPayload.length);
  assert.ok(br.rawPayload.length < code.length / 4);
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), code);

  const gz = await get('/plotly/plotly.min.js', 'gzip, deflate');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.match(String(gz.headers['content-type']), /^application\/javascript/);
  assert.equal(gz.headers['cache-control'], 'public, max-age=0');
  assert.equal(gunzipSync(gz.rawPayload).toString(), code);
  const css = await get('/styles-ABCDEFGH.css', 'br');
  assert.match(String(css.headers['content-type']), /^text\/css/);
  assert.equal(css.headers['content-encoding'], 'br');

  // No encoding accepted (or refused with q=0): the file as it is, still marked as varying.
  for (const encoding of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
    const plain = await get('/chunk-Q4VG3M2Y.js', encoding);
    assert.equal(plain.headers['content-encoding'], undefined, String(encoding));
    assert.equal(plain.body, code);
    assert.match(String(plain.headers['vary']), /Accept-Encoding/);
  }
  // A revalidated copy answers 304 to its own ETag.
  const again = await server.app.inject({
    method: 'GET',
    url: '/plotly/plotly.min.js',
    headers: { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers['etag']) },
  });
  assert.equal(again.statusCode, 304);
  // A file without copies is sent as it is, with no Vary.
  const tiny = await get('/tiny.js', 'br, gzip');
  assert.equal(tiny.body, 'x');
  assert.equal(tiny.headers['content-encoding'], undefined);
  assert.equal(tiny.headers['vary'], undefined);
  // index.html is written for each request, uncompressed.
  assert.equal((await get('/', 'br')).headers['content-encoding'], undefined);

  // A copy older than its file (left by an earlier build) is never sent.
  writeFileSync(join(appDir, 'plotly', 'plotly.min.js'), 'console.log("rebuilt")');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(appDir, 'plotly', 'plotly.min.js.br'), past, past);
  utimesSync(join(appDir, 'plotly', 'plotly.min.js.gz'), past, past);
  const stale = await get('/plotly/plotly.min.js', 'br, gzip');
  assert.equal(stale.headers['content-encoding'], undefined);
  assert.equal(stale.body, 'console.log("rebuilt")');
});

test('without a built app, / says how to build it', async (t) => {
  const server = await startServer({ appDir: join(tempDir(), 'missing') });
  t.after(() => server.close());
  const root = await server.app.inject({ method: 'GET', url: '/' });
  assert.equal(root.statusCode, 200);
  assert.match(root.body, /npm run build/);
});

test('index.html preloads the code of the page and tab its URL opens, from the build stats', async (t) => {
  const dist = tempDir();
  const appDir = join(dist, 'browser');
  mkdirSync(appDir);
  writeFileSync(
    join(appDir, 'index.html'),
    '<html><head></head><body><link rel="modulepreload" href="chunk-CORE.js"><script src="main-M.js" type="module"></script></body></html>',
  );
  const out = (entryPoint: string | undefined, ...imports: string[]) => ({
    entryPoint,
    imports: imports.map((path) => ({ path, kind: 'import-statement' })),
  });
  const stats = {
    outputs: {
      'main-M.js': {
        ...out('src/main.ts'),
        imports: [
          { path: 'chunk-CORE.js', kind: 'import-statement' },
          { path: 'chunk-RX.js', kind: 'import-statement' },
          { path: 'chunk-TASKS.js', kind: 'dynamic-import' },
        ],
      },
      'chunk-CORE.js': out(undefined),
      // Initial code that index.html does not preload (Angular writes ten tags at most).
      'chunk-RX.js': out(undefined),
      'chunk-TASKS.js': {
        ...out('src/app/tasks/tasks.routes.ts', 'chunk-CORE.js', 'chunk-TABLE.js'),
        imports: [...out(undefined, 'chunk-CORE.js', 'chunk-TABLE.js').imports, { path: 'chunk-MENU.js', kind: 'dynamic-import' }],
      },
      'chunk-TABLE.js': out(undefined, 'chunk-CORE.js', 'chunk-RX.js'),
      'chunk-MENU.js': out('src/app/tasks/menu.ts', 'chunk-CORE.js'),
      'chunk-COMPARE.js': out('src/app/compare/compare.routes.ts', 'chunk-CORE.js', 'chunk-SHELL.js'),
      'chunk-SHELL.js': out(undefined),
      'chunk-SCALARS.js': out('src/app/compare/scalars/scalars.routes.ts', 'chunk-SHELL.js', 'chunk-GRAPH.js'),
      'chunk-GRAPH.js': out(undefined),
      'chunk-DETAILS.js': out('src/app/compare/details/details.routes.ts'),
      'chunk-EMBED.js': out('src/app/embed/embed.routes.ts', 'chunk-CORE.js', 'chunk-SHELL.js'),
      'chunk-SUMMARY.js': out('src/app/embed/summary-embed.ts', 'chunk-BARS.js'),
      'chunk-BARS.js': out(undefined),
      'styles-S.css': out('angular:styles/global:styles'),
    },
  };
  const server = await startServer({ appDir });
  const preloads = async (url: string) => {
    const reply = await server.app.inject({ method: 'GET', url });
    assert.equal(reply.statusCode, 200);
    assert.match(String(reply.headers['content-type']), /^text\/html/);
    assert.ok(reply.body.indexOf('<script src="main-M.js"') > 0);
    return [...reply.body.matchAll(/rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]).filter((f) => f !== 'chunk-CORE.js');
  };
  t.after(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });
  // Without stats.json: index.html as built.
  assert.deepEqual(await preloads('/tasks'), []);
  writeFileSync(join(dist, 'stats.json'), JSON.stringify(stats));
  // The app's first code index.html leaves out comes first, on every page; code loaded later by
  // the page itself (a dynamic import) is not preloaded.
  assert.deepEqual(await preloads('/tasks'), ['chunk-RX.js', 'chunk-TASKS.js', 'chunk-TABLE.js']);
  assert.deepEqual(await preloads('/'), ['chunk-RX.js', 'chunk-TASKS.js', 'chunk-TABLE.js']);
  assert.deepEqual((await preloads('/compare-tasks;ids=a,b/scalars/graph')).sort(), [
    'chunk-COMPARE.js',
    'chunk-GRAPH.js',
    'chunk-RX.js',
    'chunk-SCALARS.js',
    'chunk-SHELL.js',
  ]);
  assert.deepEqual((await preloads('/compare-tasks;ids=a,b')).sort(), [
    'chunk-COMPARE.js',
    'chunk-DETAILS.js',
    'chunk-RX.js',
    'chunk-SHELL.js',
  ]);
  // The Summary embed (a view of the embed page only) brings its own code.
  assert.deepEqual((await preloads('/embed;ids=a,b/summary?groupby=params')).sort(), [
    'chunk-BARS.js',
    'chunk-EMBED.js',
    'chunk-RX.js',
    'chunk-SHELL.js',
    'chunk-SUMMARY.js',
  ]);
  assert.deepEqual(await preloads('/no-such-page'), ['chunk-RX.js']);
  // The preloaded tags come before the app's first script, which must find them.
  const page = (await server.app.inject({ method: 'GET', url: '/tasks' })).body;
  assert.ok(page.indexOf('href="chunk-TASKS.js"') < page.indexOf('<script src="main-M.js"'));
});

test("base paths: /compare, compare/ and /compare/ are one path; anything not a plain URL path, or the API's or files' own, is refused", () => {
  for (const raw of ['compare', '/compare', '/compare/', ' /compare/ ']) assert.equal(parseBasePath(raw), '/compare/', raw);
  assert.equal(parseBasePath('/tools/compare.v2/'), '/tools/compare.v2/');
  for (const raw of [undefined, '', '/']) assert.equal(parseBasePath(raw), '/');
  for (const bad of ['/../x/', '/a//b/', '/a b/', '/a/./', '/x"><script>/', '/a?b/', '/%2e%2e/', 'https://host/x/']) {
    assert.throws(() => parseBasePath(bad), /base path: .* is not a URL path/, bad);
  }
  for (const taken of ['/api/', 'files', '/Projects/x/']) assert.throws(() => parseBasePath(taken), /is taken by the server's own/, taken);
  assert.equal(parseBasePath('/apis/'), '/apis/');
});

test('under a base path: the app, its files and deep links below it; / redirects there; /api, /files and SDK links stay at the root', async (t) => {
  const dist = tempDir();
  const appDir = join(dist, 'browser');
  mkdirSync(join(appDir, 'plotly'), { recursive: true });
  // As `ng build` writes it (base href /), and as `ng build --base-href /compare/` does.
  writeFileSync(
    join(appDir, 'index.html'),
    '<html><head><base href="/"></head><body>app shell<script src="main-M.js" type="module"></script></body></html>',
  );
  writeFileSync(join(appDir, 'chunk-Q4VG3M2Y.js'), 'console.log(2)');
  writeFileSync(join(appDir, 'plotly', 'plotly-basic.min.js'), 'window.Plotly={}');
  writeFileSync(join(appDir, 'config.json'), '{"apiBaseUrl": "/api"}');
  writeFileSync(
    join(dist, 'stats.json'),
    JSON.stringify({
      outputs: {
        'main-M.js': { entryPoint: 'src/main.ts', imports: [] },
        'chunk-T.js': { entryPoint: 'src/app/tasks/tasks.routes.ts', imports: [] },
      },
    }),
  );
  const server = await startServer({ appDir, basePath: '/compare/' });
  writeFileSync(join(server.filesDir, 'img.png'), 'png');
  t.after(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });
  const get = (url: string) => server.app.inject({ method: 'GET', url });
  const page = await get('/compare/');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<base href="\/compare\/">/);
  assert.match(page.body, /app shell/);
  // The task table's code is preloaded for /compare/ and /compare/tasks, as for / and /tasks at the root.
  assert.match(page.body, /<link rel="modulepreload" href="chunk-T.js">/);
  const deep = await get('/compare/compare-tasks;ids=a,b/scalars/graph?smoothing=0.6');
  assert.equal(deep.statusCode, 200);
  assert.match(deep.body, /<base href="\/compare\/">/);
  assert.doesNotMatch(deep.body, /chunk-T\.js/);
  assert.match((await get('/compare/tasks')).body, /chunk-T\.js/);
  assert.equal((await get('/compare/chunk-Q4VG3M2Y.js')).headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await get('/compare/plotly/plotly-basic.min.js')).body, 'window.Plotly={}');
  assert.equal((await get('/compare/config.json')).json().apiBaseUrl, '/api');
  for (const [url, location] of [
    ['/', '/compare/'],
    ['/compare', '/compare/'],
    ['/compare?x=1', '/compare/?x=1'],
  ]) {
    const reply = await get(url);
    assert.equal(reply.statusCode, 302, url);
    assert.equal(reply.headers.location, location, url);
  }
  // Outside the base path: not the app (another web app owns the rest of the host).
  for (const url of ['/tasks', '/main-M.js', '/compare-tasks;ids=a/details', '/comparex/']) {
    const reply = await get(url);
    assert.equal(reply.statusCode, 404, url);
    assert.doesNotMatch(reply.body, /app shell/, url);
  }
  assert.equal((await server.call('server.info')).status, 200);
  assert.equal((await get('/files/img.png')).body, 'png');
  assert.equal((await server.app.inject({ method: 'POST', url: '/compare/api/v2.31/server.info', payload: {} })).statusCode, 404);
  const link = await get('/projects/p1/experiments/0123456789abcdef0123456789abcdef/output/log');
  assert.equal(link.statusCode, 302);
  assert.equal(link.headers.location, '/compare/compare-tasks;ids=0123456789abcdef0123456789abcdef/details');
});

test("a build made with another base href is served with the server's own", async (t) => {
  const appDir = tempDir();
  writeFileSync(join(appDir, 'index.html'), '<html><head><base href="/compare/"></head><body>app shell</body></html>');
  const server = await startServer({ appDir });
  t.after(async () => {
    await server.close();
    rmSync(appDir, { recursive: true, force: true });
  });
  const page = await server.app.inject({ method: 'GET', url: '/tasks' });
  assert.match(page.body, /<base href="\/">/);
});

test('a link to the app that does not decode is sent to its readable form; the API and other sites keep the error', async (t) => {
  const appDir = tempDir();
  writeFileSync(join(appDir, 'index.html'), '<html>app shell</html>');
  const server = await startServer({ appDir });
  t.after(async () => {
    await server.close();
    rmSync(appDir, { recursive: true, force: true });
  });
  const broken = await server.app.inject({ method: 'GET', url: '/compare-tasks;ids=%%%zz,%e2%82/details?q=%' });
  assert.equal(broken.statusCode, 302);
  assert.equal(broken.headers.location, '/compare-tasks;ids=%25%25%25zz,%25e2%2582/details?q=%25');
  const readable = await server.app.inject({ method: 'GET', url: String(broken.headers.location) });
  assert.equal(readable.statusCode, 200);
  assert.match(readable.body, /app shell/);
  // A valid escape beside a broken one is kept as it was.
  const mixed = await server.app.inject({ method: 'HEAD', url: '/compare-tasks;ids=%3Cb%3E,%zz/details' });
  assert.equal(mixed.statusCode, 302);
  assert.equal(mixed.headers.location, '/compare-tasks;ids=%3Cb%3E,%25zz/details');
  for (const url of ['/api/v2.31/tasks.get_all_ex%zz', '/files/%%', '//evil.example/%zz']) {
    const answer = await server.app.inject({ method: 'GET', url });
    assert.equal(answer.statusCode, 400, url);
    assert.equal(answer.json().meta.result_subcode, 12, url);
  }
  const posted = await server.app.inject({ method: 'POST', url: '/compare-tasks;ids=%%/details' });
  assert.equal(posted.statusCode, 400);
  // A raw request line can start with a backslash, which browsers read as another host.
  assert.equal(repairedAppUrl('/\\evil.example/%zz'), null);
  assert.equal(repairedAppUrl('/compare-tasks;ids=a/details'), null);
});

test('under a base path, only the app under it is sent to its readable form', async (t) => {
  const appDir = tempDir();
  writeFileSync(join(appDir, 'index.html'), '<html>app shell</html>');
  const server = await startServer({ appDir, basePath: '/compare/' });
  t.after(async () => {
    await server.close();
    rmSync(appDir, { recursive: true, force: true });
  });
  const broken = await server.app.inject({ method: 'GET', url: '/compare/compare-tasks;ids=%%/details' });
  assert.equal(broken.statusCode, 302);
  assert.equal(broken.headers.location, '/compare/compare-tasks;ids=%25%25/details');
  const outside = await server.app.inject({ method: 'GET', url: '/elsewhere/%%' });
  assert.equal(outside.statusCode, 400);
});
