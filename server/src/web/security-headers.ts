import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Security headers sent with every response (API, files, the app and errors alike).
 *
 * The Content-Security-Policy allows what the built app needs and nothing more:
 * - scripts from the server only, plus the one inline handler Angular's build writes to load the
 *   stylesheet without blocking (`onload="this.media='all'"`, allowed by its hash), and
 *   `'unsafe-eval'`, which Plotly's parallel coordinates (WebGL through regl) need to compile their
 *   draw calls;
 * - inline styles (Angular's component styles and Plotly set them);
 * - images and media from anywhere on http(s), data: and blob: — debug samples are URLs the
 *   training code chose (this server's /files, or a bucket elsewhere); images and media cannot run
 *   code;
 * - fonts, fetches and workers from the server only; no plugins, no <base> or form targets elsewhere;
 * - `frame-ancestors`: who may show the app in a frame, `'self'` unless configured.
 */

/** The inline `onload` handler of the stylesheet link in the built index.html. */
export const STYLESHEET_ONLOAD = "this.media='all'";

export function sourceHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** A frame-ancestors source: a keyword, `*`, or an origin (a `*.` subdomain wildcard and port allowed). */
const ORIGIN = /^(https?):\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:(\d{1,5}|\*))?\/?$/i;
const IPV6_ORIGIN = /^(https?):\/\/\[[0-9a-f:.]+\](:\d{1,5})?\/?$/i;

/**
 * Parses the `--frame-ancestors` / `COMPARE_FRAME_ANCESTORS` value: origins separated by spaces or
 * commas. `'self'` is always allowed unless the value is `'none'` (nobody may frame the app).
 * Throws with a message naming the bad entry, so the server refuses to start on a typo.
 */
export function parseFrameAncestors(raw: string | undefined | null): string[] {
  const entries = (raw ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  if (entries.length === 0) return ["'self'"];
  const sources = new Set<string>(["'self'"]);
  for (const entry of entries) {
    const bare = entry.replace(/^'(.*)'$/, '$1').toLowerCase();
    if (bare === 'none') {
      if (entries.length > 1) throw new Error(`frame-ancestors: 'none' cannot be combined with other origins`);
      return ["'none'"];
    }
    if (bare === 'self') continue;
    if (entry === '*') {
      sources.add('*');
      continue;
    }
    if (!ORIGIN.test(entry) && !IPV6_ORIGIN.test(entry)) {
      throw new Error(
        `frame-ancestors: "${entry}" is not an origin (expected e.g. https://dashboard.example.com or http://localhost:3000)`,
      );
    }
    sources.add(entry.replace(/\/$/, ''));
  }
  return [...sources];
}

export interface SecurityHeaderOptions {
  /** Sources for frame-ancestors, as parseFrameAncestors returns them. Default `'self'`. */
  frameAncestors?: readonly string[];
}

export function contentSecurityPolicy(options: SecurityHeaderOptions = {}): string {
  const frameAncestors = options.frameAncestors?.length ? options.frameAncestors : ["'self'"];
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-eval' 'unsafe-hashes' ${sourceHash(STYLESHEET_ONLOAD)}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "media-src 'self' data: blob: http: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/**
 * The policy of every /files answer: `sandbox` (no scripts, no forms, an origin of its own, so a
 * stored page could never read the app's cookies or call its API even if a browser showed it), no
 * sources but the image or media the answer is.
 */
export function filesContentSecurityPolicy(options: SecurityHeaderOptions = {}): string {
  const frameAncestors = options.frameAncestors?.length ? options.frameAncestors : ["'self'"];
  return [
    'sandbox',
    "default-src 'none'",
    "img-src 'self' data: blob: http: https:",
    "media-src 'self' data: blob: http: https:",
    "style-src 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/** Whether an answer is for /files (a stored file, or an error about one). */
function isFilesRequest(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.endpoint === 'files') return true;
  const path = request.url
    .split('?')[0]
    .replace(/\/{2,}/g, '/')
    .toLowerCase();
  return path === '/files' || path.startsWith('/files/') || path.startsWith('/files%2f');
}

export function securityHeaders(options: SecurityHeaderOptions = {}): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** Adds the headers to every response of `app` (call before any route or plugin is registered). */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions = {}) {
  const headers = securityHeaders(options);
  const filesHeaders = { ...headers, 'content-security-policy': filesContentSecurityPolicy(options) };
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(isFilesRequest(request) ? filesHeaders : headers);
    return payload;
  });
}
