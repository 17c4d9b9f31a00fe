import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';
import { checkKey, type ApiKeys } from './keys';
import { LoginLimit, TooManyAttempts, type LoginLimitOptions } from './login-limit';
import { MAX_TOKEN_TTL_SEC, TOKEN_TTL_SEC, TokenSigner } from './tokens';

/** The cookie the app sets after signing in, so <img>/<audio>/<video> can load /files. */
export const TOKEN_COOKIE = 'compare_token';
/**
 * ClearML's web session: clearml-server's `auth.login` sets this cookie (HttpOnly, for the whole
 * host) and reads it on every request as if it were `Authorization: Bearer <cookie>`, a header sent
 * with the request taking precedence (`apiserver.auth.session_auth_cookie_name`,
 * server_init/request_handlers.py). Accepted here the same way, on /api and /files.
 */
export const SESSION_COOKIE = 'clearml_token_basic';
/** `/files/...?token=<token>` works too (a link to copy, curl). */
export const TOKEN_QUERY = 'token';

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
  interface FastifyRequest {
    /** Set when a sign-in was refused for too many failures: the answer's Retry-After. */
    retryAfterSec?: number;
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
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null; // a malformed escape is no token
      }
    }
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
 * request must then carry it (`Authorization: Bearer`, or ClearML's session cookie, or on /files
 * the app's cookie or `?token=`).
 */
export class Auth {
  private readonly limit: LoginLimit;

  constructor(
    readonly keys: ApiKeys | null,
    private readonly signer: TokenSigner = new TokenSigner(),
    limitOptions: LoginLimitOptions = {},
  ) {
    this.limit = new LoginLimit((access) => keys?.has(access) ?? false, limitOptions);
  }

  /** Checks a key pair, counting wrong secrets per client address and key (login-limit.ts). */
  private checkSecret(request: FastifyRequest | undefined, access: string, secret: string): boolean {
    const address = request?.ip ?? 'unknown';
    try {
      this.limit.assertAllowed(address, access);
    } catch (error) {
      if (request && error instanceof TooManyAttempts) request.retryAfterSec = error.retryAfterSec;
      throw error;
    }
    const right = checkKey(this.keys!, access, secret);
    if (right) this.limit.succeeded(address, access);
    else this.limit.failed(address, access);
    return right;
  }

  get required(): boolean {
    return this.keys !== null;
  }

  login(authorization: string | undefined, expirationSec: number | undefined, request?: FastifyRequest): { token: string } {
    const credentials = basicCredentials(authorization);
    if (!this.keys) return { token: this.signer.sign(credentials?.access || 'local', expirationSec ?? MAX_TOKEN_TTL_SEC) };
    if (!credentials) throw notAuthenticated('auth.login needs Basic authorization with an access key and secret key');
    if (!this.checkSecret(request, credentials.access, credentials.secret)) throw notAuthenticated('invalid access key or secret key');
    return { token: this.signer.sign(credentials.access, expirationSec ?? TOKEN_TTL_SEC) };
  }

  /** Throws a 401 ApiError unless the request may go on. */
  check(request: FastifyRequest, path: string) {
    if (!this.keys) return;
    const header = request.headers.authorization;
    const basic = basicCredentials(header);
    if (basic) {
      if (this.checkSecret(request, basic.access, basic.secret)) return;
      throw notAuthenticated('invalid access key or secret key');
    }
    let token = header && /^bearer /i.test(header) ? header.slice(7).trim() : null;
    if (!token && !header) token = cookieValue(request.headers.cookie, SESSION_COOKIE);
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
    return decodeURIComponent(path)
      .replace(/\/{2,}/g, '/')
      .toLowerCase();
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
export function registerAuth(app: FastifyInstance, keys: ApiKeys | null, signer?: TokenSigner, limit?: LoginLimitOptions) {
  const auth = new Auth(keys, signer, limit);
  app.decorate('auth', auth);
  if (!auth.required) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.retryAfterSec !== undefined) reply.header('retry-after', String(request.retryAfterSec));
    return payload;
  });
  app.addHook('onRequest', async (request) => {
    if (isProtected(request)) auth.check(request, decodedPath(request.url));
  });
}
