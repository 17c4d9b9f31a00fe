import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';
import { checkKey, type ApiKeys } from './keys';
import { MAX_TOKEN_TTL_SEC, TOKEN_TTL_SEC, TokenSigner } from './tokens';

/** The cookie the app sets after signing in, so <img>/<audio>/<video> can load /files. */
export const TOKEN_COOKIE = 'compare_token';
/** `/files/...?token=<token>` works too (a link to copy, curl). */
export const TOKEN_QUERY = 'token';

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
}

export function notAuthenticated(message: string): ApiError {
  return new ApiError(401, 20, `Not authenticated: ${message}`);
}

function basicCredentials(header: string | undefined): { access: string; secret: string } | null {
  if (!header || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { access: decoded, secret: '' } : { access: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function queryValue(url: string, name: string): string | null {
  const query = url.indexOf('?');
  return query < 0 ? null : new URLSearchParams(url.slice(query + 1)).get(name);
}

/**
 * Who may call the API. Without keys (the default on loopback) every call is accepted and
 * `auth.login` hands any key pair a token, as a local ClearML server does. With keys, `auth.login`
 * takes Basic `access_key:secret_key` and answers a token that expires; every /api and /files
 * request must then carry it (`Authorization: Bearer`, or on /files the cookie or `?token=`).
 */
export class Auth {
  constructor(
    readonly keys: ApiKeys | null,
    private readonly signer: TokenSigner = new TokenSigner(),
  ) {}

  get required(): boolean {
    return this.keys !== null;
  }

  login(authorization: string | undefined, expirationSec: number | undefined): { token: string } {
    const credentials = basicCredentials(authorization);
    if (!this.keys) return { token: this.signer.sign(credentials?.access || 'local', expirationSec ?? MAX_TOKEN_TTL_SEC) };
    if (!credentials) throw notAuthenticated('auth.login needs Basic authorization with an access key and secret key');
    if (!checkKey(this.keys, credentials.access, credentials.secret)) throw notAuthenticated('invalid access key or secret key');
    return { token: this.signer.sign(credentials.access, expirationSec ?? TOKEN_TTL_SEC) };
  }

  /** Throws a 401 ApiError unless the request may go on. */
  check(request: FastifyRequest, path: string) {
    if (!this.keys) return;
    const header = request.headers.authorization;
    const basic = basicCredentials(header);
    if (basic) {
      if (checkKey(this.keys, basic.access, basic.secret)) return;
      throw notAuthenticated('invalid access key or secret key');
    }
    let token = header && /^bearer /i.test(header) ? header.slice(7).trim() : null;
    if (!token && isFilesPath(path)) token = queryValue(request.url, TOKEN_QUERY) ?? cookieValue(request.headers.cookie, TOKEN_COOKIE);
    if (!token) throw notAuthenticated('sign in with auth.login (access key and secret key), then send Authorization: Bearer <token>');
    if (!this.signer.verify(token)) throw notAuthenticated('the token has expired or is not valid; sign in again with auth.login');
  }
}

function isFilesPath(path: string): boolean {
  return path === '/files' || path.startsWith('/files/');
}

function decodedPath(url: string): string {
  const path = url.split('?')[0];
  try {
    return decodeURIComponent(path).replace(/\/{2,}/g, '/').toLowerCase();
  } catch {
    return path.toLowerCase();
  }
}

/** API endpoints other than auth.login, file routes, and anything under /api or /files. */
function isProtected(request: FastifyRequest): boolean {
  const endpoint = request.routeOptions.config?.endpoint;
  // login.supported_modes is open on clearml-server too (authorize: null in schema/services/login.conf).
  if (endpoint === 'auth.login' || endpoint === 'login.supported_modes') return false;
  if (endpoint || (request.routeOptions.url ?? '').startsWith('/files')) return true;
  const path = decodedPath(request.url);
  return path === '/api' || path.startsWith('/api/') || isFilesPath(path);
}

/** Decorates `app.auth` and checks every /api and /files request (call before registering routes). */
export function registerAuth(app: FastifyInstance, keys: ApiKeys | null, signer?: TokenSigner) {
  const auth = new Auth(keys, signer);
  app.decorate('auth', auth);
  if (!auth.required) return;
  app.addHook('onRequest', async (request) => {
    if (isProtected(request)) auth.check(request, decodedPath(request.url));
  });
}
