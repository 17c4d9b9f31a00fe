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

/** The types of the files `scripts/precompress.mjs` gives compressed copies (a copy is sent under its original's type). */
const COMPRESSED_TYPES: Record<string, string> = {
  js: 'application/javascript; charset=utf-8',
  mjs: 'application/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  ttf: 'font/ttf',
  txt: 'text/plain; charset=utf-8',
  webmanifest: 'application/manifest+json',
};
/** In the order they are preferred: brotli is the smaller. */
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

declare module 'fastify' {
  interface FastifyRequest {
    /** A built file with compressed copies: the type to send and the encoding chosen (none: the file as it is). */
    appFileEncoding?: { type: string; encoding: string | null };
  }
}

/** Whether an `Accept-Encoding` header accepts `encoding` (by name or `*`, with a q-value above 0). */
export function acceptsEncoding(header: string | string[] | undefined, encoding: string): boolean {
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  return (weights.get(encoding) ?? weights.get('*') ?? 0) > 0;
}

function modifiedMs(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Serves the built app from `appDir` under `basePath` (default `/`): its files as they are, and
 * index.html for any other GET below the base path (the app's router takes it from there); /api and
 * /files stay where they are. Under another base path, `/` and the base path without its slash
 * redirect to it, and other paths are not found. Files named by their content are cached for a
 * year without asking again; index.html, config.json and the rest are revalidated. index.html comes
 * with `<base href>` set to the base path (any build serves under any path) and preload tags for the
 * code of the page its URL opens (route-preload.ts). A file with compressed copies beside it
 * (`.br`, `.gz`: scripts/precompress.mjs, run by `npm run build`) is sent as the copy the request
 * accepts.
 */
export function appRoutes(app: FastifyInstance, appDir: string | null, basePath = '/') {
  const root = appDir ? resolve(appDir) : null;
  const built = root !== null && existsSync(resolve(root, 'index.html'));
  const indexPage = built ? createIndexPage(root!, basePath) : null;

  /**
   * The file to send for `file`: its compressed copy in the best encoding the request accepts, if
   * the build has one at least as new as the file (a copy left by an earlier build is never sent).
   */
  function chooseEncoding(request: FastifyRequest, file: string): string {
    const type = COMPRESSED_TYPES[file.slice(file.lastIndexOf('.') + 1)];
    if (!type) return file;
    const original = modifiedMs(resolve(root!, file));
    let copies = false;
    for (const [encoding, ext] of ENCODINGS) {
      const copy = modifiedMs(resolve(root!, file + ext));
      if (copy === null || original === null || copy < original) continue;
      copies = true;
      if (acceptsEncoding(request.headers['accept-encoding'], encoding)) {
        request.appFileEncoding = { type, encoding };
        return file + ext;
      }
    }
    if (copies) request.appFileEncoding = { type, encoding: null };
    return file;
  }

  // A compressed copy goes out under its original's type; the answer varies with Accept-Encoding
  // wherever a copy exists, so a shared cache does not hand one client's encoding to another.
  app.addHook('onSend', async (request, reply, payload) => {
    const chosen = request.appFileEncoding;
    if (chosen && reply.statusCode < 400) {
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
      if (chosen.encoding) {
        reply.header('content-type', chosen.type);
        reply.header('content-encoding', chosen.encoding);
      }
    }
    return payload;
  });

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
    // index.html names the current build's files: always checked, so a new build is picked up at once.
    if (file === 'index.html') return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexPage!(appPath));
    const sent = chooseEncoding(request, file);
    if (CONTENT_NAMED.test(file)) return reply.sendFile(sent, root!, { maxAge: '365d', immutable: true });
    return reply.sendFile(sent, root!);
  });
}
