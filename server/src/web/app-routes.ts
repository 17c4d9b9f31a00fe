import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http/envelope';
import { createIndexPage } from './route-preload';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Compare tasks</title></head>
<body style="font-family: sans-serif; margin: 3rem">
<h1>Compare tasks</h1>
<p>The API is running at <code>/api</code>, but the web app has not been built yet.</p>
<p>Run <code>npm run build</code>, then reload this page.</p>
</body></html>
`;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Build outputs named by their content (`chunk-ABCD1234.js`): a changed file gets a new name. */
const CONTENT_NAMED = /-[A-Z0-9]{8}\.(?:js|css|woff2?|ttf|png|svg)$/;

/**
 * Serves the built app from `appDir` under `basePath` (default `/`): its files as they are, and
 * index.html for any other GET below the base path (the app's router takes it from there); /api and
 * /files stay where they are. Under another base path, `/` and the base path without its slash
 * redirect to it, and other paths are not found. Files named by their content are cached for a
 * year without asking again; index.html, config.json and the rest are revalidated. index.html comes
 * with `<base href>` set to the base path (any build serves under any path) and preload tags for the
 * code of the page its URL opens (route-preload.ts).
 */
export function appRoutes(app: FastifyInstance, appDir: string | null, basePath = '/') {
  const root = appDir ? resolve(appDir) : null;
  const built = root !== null && existsSync(resolve(root, 'index.html'));
  const indexPage = built ? createIndexPage(root!, basePath) : null;

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    const isApi = path === '/api' || path.startsWith('/api/') || path === '/files' || path.startsWith('/files/');
    if (isApi || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendError(request, reply, 404, 0, `Unknown endpoint: ${request.method} ${path}`);
    }
    if (!path.startsWith(basePath)) {
      if (path === '/' || path === basePath.slice(0, -1)) return reply.redirect(basePath + request.url.slice(path.length), 302);
      return sendError(request, reply, 404, 0, `Not found: ${path} (the app is at ${basePath})`);
    }
    // The app's own path, as if it were served at /.
    const appPath = path.slice(basePath.length - 1);
    if (!built)
      return reply
        .code(appPath === '/' ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT_PAGE);
    let file = 'index.html';
    try {
      const candidate = resolve(root!, '.' + decodeURIComponent(appPath));
      if (candidate.startsWith(root! + sep) && isFile(candidate)) file = candidate.slice(root!.length + 1);
    } catch {
      // a malformed escape: fall back to the app
    }
    if (CONTENT_NAMED.test(file)) return reply.sendFile(file, root!, { maxAge: '365d', immutable: true });
    // index.html names the current build's files: always checked, so a new build is picked up at once.
    if (file === 'index.html') return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexPage!(appPath));
    return reply.sendFile(file, root!);
  });
}
