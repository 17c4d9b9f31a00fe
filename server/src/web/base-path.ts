/**
 * The path the app is served under (`--base-path /compare/`), so that it can sit beside another web
 * app on one host name, e.g. ClearML's own at `/`. The API stays at /api and files at /files: in
 * front of a ClearML server those are the paths ClearML's web server proxies to its API and file
 * server, so one build (and one config.json) works in front of either server.
 */

/** A path segment: letters, digits and `._~-`, never `.` or `..` alone. */
const SEGMENT = /^[A-Za-z0-9._~-]+$/;
/** Paths the server answers itself: the API, stored files, the SDK's web links. */
const RESERVED = new Set(['api', 'files', 'projects']);

/**
 * Normalises `compare`, `/compare`, `/compare/` to `/compare/`; empty or `/` is the root. Throws
 * with a message naming the value for anything else, so the server refuses to start on a typo.
 */
export function parseBasePath(raw: string | undefined | null): string {
  const value = (raw ?? '').trim();
  if (value === '' || value === '/') return '/';
  const segments = value.replace(/^\/|\/$/g, '').split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..') {
      throw new Error(`base path: "${value}" is not a URL path (expected e.g. /compare/: letters, digits, . _ ~ - between slashes)`);
    }
  }
  if (RESERVED.has(segments[0].toLowerCase())) {
    throw new Error(`base path: "${value}" is taken by the server's own /${segments[0]} (choose another, e.g. /compare/)`);
  }
  return `/${segments.join('/')}/`;
}

/** index.html with its `<base href>` set to `basePath`, whatever the build was made with. */
export function withBaseHref(html: string, basePath: string): string {
  return html.replace(/<base\s+href="[^"]*"\s*\/?>/i, `<base href="${basePath}">`);
}
