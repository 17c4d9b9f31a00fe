import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';
import { isLoopbackHost } from '../auth/keys';

/**
 * Checks made on every request before anything else, so that a web page a user happens to visit
 * can neither write to the server nor read it:
 *
 * - **Host**: only the names the server was started for are answered (loopback names and
 *   addresses, the `--host` address, and the `--allowed-hosts` names); any other Host header is a
 *   421. A page on a name that an attacker re-pointed at this machine (DNS rebinding) therefore
 *   gets nothing. An IP address in the Host header cannot be re-pointed, so on a server listening
 *   on every interface (`--host 0.0.0.0` or `::`) any address is answered.
 * - **Origin**: a call to the API, and any request other than GET/HEAD/OPTIONS (a file upload), is
 *   refused (403) when the browser says it comes from another site or origin (`Sec-Fetch-Site:
 *   cross-site` or `same-site`; without that header, an `Origin` that is not this server's).
 *   Clients that are not browsers (the ClearML SDK, curl) send neither header and are not affected.
 * - **Content type**: an API call with a body must send it as JSON (`application/json`, or for
 *   `events.add_batch` newline-delimited JSON); a form or `text/plain` body — what a page can send
 *   to another site without asking first — is a 415.
 */
export interface RequestGuardOptions {
  /** The address the server listens on (`--host`); default loopback. */
  listenHost?: string;
  /** More Host names to answer (`--allowed-hosts`); `*` answers any. */
  allowedHosts?: readonly string[];
}

/** Body types the API reads. */
export const API_BODY_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/json-lines',
  'application/jsonlines',
  'application/x-ndjson',
  'application/x-jsonlines',
]);

const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]', '']);
const HOST_NAME = /^(\*|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\]|[0-9a-f:.]+)$/i;

/** Parses `--allowed-hosts`: names separated by commas or spaces; throws naming a bad entry. */
export function parseAllowedHosts(raw: string | undefined | null): string[] {
  const entries = (raw ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (!HOST_NAME.test(entry))
      throw new Error(`--allowed-hosts: "${entry}" is not a host name (expected e.g. compare.example.com, or * for any)`);
  }
  return entries.map(normalHost);
}

function normalHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
}

/** The host name of a Host header, without its port. */
export function hostName(header: string): string {
  const trimmed = header.trim();
  if (trimmed.startsWith('[')) return normalHost(trimmed.slice(0, trimmed.indexOf(']') + 1) || trimmed);
  const colon = trimmed.indexOf(':');
  return normalHost(colon >= 0 && trimmed.indexOf(':', colon + 1) < 0 ? trimmed.slice(0, colon) : trimmed);
}

export function hostChecker(options: RequestGuardOptions = {}): (header: string | undefined) => boolean {
  const allowed = new Set((options.allowedHosts ?? []).map(normalHost));
  const listen = normalHost(options.listenHost ?? '127.0.0.1');
  const everyInterface = WILDCARD_ADDRESSES.has(listen);
  if (!everyInterface) allowed.add(listen);
  const any = allowed.has('*');
  return (header) => {
    // HTTP/1.0 clients may send none; browsers always do.
    if (header === undefined || any) return true;
    const name = hostName(header);
    if (allowed.has(name) || isLoopbackHost(name) || name.endsWith('.localhost')) return true;
    return everyInterface && isIP(name) !== 0;
  };
}

/** Why a request is from another site or origin, or null when it is not (or the client is no browser). */
export function crossOriginReason(request: FastifyRequest): string | null {
  const site = String(request.headers['sec-fetch-site'] ?? '').toLowerCase();
  if (site === 'same-origin' || site === 'none') return null;
  if (site === 'cross-site' || site === 'same-site') return `the browser sent it from another ${site === 'cross-site' ? 'site' : 'origin'}`;
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  if (origin === 'null') return 'it comes from a page without an origin (Origin: null)';
  try {
    const host = new URL(origin).host.toLowerCase();
    if (host === String(request.headers.host ?? '').toLowerCase()) return null;
  } catch {
    // not a URL: refused below
  }
  return 'its Origin is not this server';
}

function isApiCall(request: FastifyRequest): boolean {
  const endpoint = request.routeOptions.config?.endpoint;
  return endpoint !== undefined && endpoint !== 'files';
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds the Host, Origin and content type checks (call before auth and before any route). */
export function registerRequestGuard(app: FastifyInstance, options: RequestGuardOptions = {}) {
  const hostAllowed = hostChecker(options);
  app.addHook('onRequest', async (request, reply) => {
    if (!hostAllowed(request.headers.host)) {
      reply.header('connection', 'close');
      const shown = String(request.headers.host).slice(0, 100);
      throw new ApiError(
        421,
        0,
        `Misdirected request: this server does not answer to the host "${shown}"; start it with --allowed-hosts to add a name`,
      );
    }
    const api = isApiCall(request);
    if (api || !SAFE_METHODS.has(request.method)) {
      const reason = crossOriginReason(request);
      if (reason) throw new ApiError(403, 0, `Forbidden: a request from another site is refused (${reason})`);
    }
    if (api && hasBody(request)) {
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      if (!API_BODY_TYPES.has(type)) {
        throw new ApiError(
          415,
          0,
          `Unsupported Content-Type "${type.slice(0, 100) || '(none)'}": API calls send their body as application/json (events.add_batch also as application/json-lines)`,
        );
      }
    }
  });
}
