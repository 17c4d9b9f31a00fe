import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { registerAuth } from './auth/auth';
import type { ApiKeys } from './auth/keys';
import type { LoginLimitOptions } from './auth/login-limit';
import type { TokenSigner } from './auth/tokens';
import { validationError } from './api-error';
import type { Durability } from './db/database';
import { openRepositories, type Repositories } from './db/repositories';
import { filesRoutes } from './files/files-routes';
import { registerEndpoints, type ResponseSchemas } from './http/endpoint';
import { errorHandler, sendError } from './http/envelope';
import { BATCH_BODY_LIMIT } from './services/events/event-endpoints';
import { apiEndpoints } from './services/endpoints';
import { jsonDepthExceeds, LIMITS } from './http/limits';
import { registerLoadShedding } from './http/load-shedding';
import { createNotices } from './http/notices';
import { sdkLinkRoutes } from './web/sdk-links';
import { seedDemo } from './seed/seed';
import { appRoutes } from './web/app-routes';
import { repairedAppUrl } from './web/undecodable-url';
import { registerRequestGuard } from './web/request-guard';
import { parseBasePath } from './web/base-path';
import type { TrustProxy } from './web/trust-proxy';
import { registerSecurityHeaders } from './web/security-headers';

export interface AppOptions {
  dbPath: string;
  filesDir: string;
  /** The built web app; null serves no app. Default: dist/compare-tasks/browser in the repository. */
  appDir?: string | null;
  /** Write the demo data set when the database is new. */
  demo?: boolean;
  /** true logs requests to stdout; a stream logs them there (tests read it). */
  logger?: boolean | { write(line: string): void };
  /** Access keys; with them every /api and /files request needs a token (see auth/auth.ts). */
  apiKeys?: ApiKeys | null;
  /** Signs tokens; tests pass one with a clock. */
  tokenSigner?: TokenSigner;
  /** frame-ancestors sources (see parseFrameAncestors); default 'self'. */
  frameAncestors?: readonly string[];
  /** The path the app is served under (`/compare/`, see parseBasePath); default `/`. */
  basePath?: string;
  /** SQLite synchronous level of the database (see Durability); default full. */
  durability?: Durability;
  /** Where a line about data the server accepts but does not keep goes (once per kind); default stderr. */
  notice?: (line: string) => void;
  /** The largest file an upload to /files may store, in bytes (default DEFAULT_MAX_FILE_BYTES, 2 GiB). */
  maxFileBytes?: number;
  /** The address the server listens on and more Host names it answers to (web/request-guard.ts). */
  listenHost?: string;
  allowedHosts?: readonly string[];
  /** Failed sign-in limits (auth/login-limit.ts); tests pass small ones and a clock. */
  loginLimit?: LoginLimitOptions;
  /**
   * Answer exactly as a plain clearml-server does: \`server.info\` without \`capabilities\`, and this
   * server's extensions (histogram envelope, x_range, debug_images iteration) ignored.
   */
  plainClearml?: boolean;
  /** API requests held at once before more are answered 503 (load-shedding.ts); default DEFAULT_MAX_QUEUE. */
  maxQueue?: number;
  /**
   * Serialise answers with their response schemas (fast-json-stringify): true (the default) where
   * that is faster than JSON.stringify, 'all' with every one (tests and benches), false with none.
   */
  responseSchemas?: ResponseSchemas;
  /**
   * Proxies whose X-Forwarded-For names the client (Fastify's trustProxy: true, or their
   * addresses). Behind a reverse proxy the sign-in limit then counts each client's address,
   * not the proxy's. Default: none.
   */
  trustProxy?: TrustProxy;
}

export const DEFAULT_APP_DIR = resolve(__dirname, '../../dist/compare-tasks/browser');

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories;
  }
}

/** Request logs without tokens: `?token=` in a /files URL is replaced (headers are never logged). */
function loggerOptions(logger: true | { write(line: string): void }) {
  return {
    ...(logger === true ? {} : { stream: logger }),
    serializers: {
      req: (request: { method: string; url: string }) => ({
        method: request.method,
        url: request.url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]'),
      }),
    },
  };
}

/** Builds the server (API, files, web app) without listening. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const filesDir = resolve(options.filesDir);
  mkdirSync(filesDir, { recursive: true });
  const { repos, isNew } = openRepositories(options.dbPath, options.durability);
  if (isNew && options.demo) await seedDemo(repos, filesDir);

  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger) : false,
    bodyLimit: BATCH_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // A link to the app that does not decode is sent to its readable form (the app explains it);
    // any other URL that does not decode (e.g. overlong UTF-8) is answered with the envelope too.
    frameworkErrors: (error, request, reply) => {
      const readable =
        error.code === 'FST_ERR_BAD_URL' && (request.method === 'GET' || request.method === 'HEAD')
          ? repairedAppUrl(request.url, parseBasePath(options.basePath))
          : null;
      if (readable) return reply.redirect(readable, 302);
      return sendError(request, reply, 400, 12, `Validation error: ${error.message}`);
    },
    ajv: { customOptions: { allowUnionTypes: true, coerceTypes: false, removeAdditional: false, useDefaults: true, allErrors: false } },
  });
  // The ClearML SDK sends every call as a GET with a JSON body.
  app.addHttpMethod('GET', { hasBody: true, overrideExisting: true });
  registerSecurityHeaders(app, { frameAncestors: options.frameAncestors });
  registerRequestGuard(app, { listenHost: options.listenHost, allowedHosts: options.allowedHosts });
  registerAuth(app, options.apiKeys ?? null, options.tokenSigner, options.loginLimit);
  registerLoadShedding(app, options.maxQueue);
  app.decorate('repos', repos);
  app.addHook('onClose', async () => repos.db.close());
  app.setErrorHandler(errorHandler);

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if ((text as string).trim() === '') return done(null, {});
    if (jsonDepthExceeds(text as string, LIMITS.jsonDepth)) {
      return done(validationError(`body nests objects and arrays deeper than ${LIMITS.jsonDepth} levels`), undefined);
    }
    try {
      done(null, JSON.parse(text as string));
    } catch (error) {
      (error as Error & { statusCode: number }).statusCode = 400;
      done(error as Error, undefined);
    }
  });
  for (const type of ['application/json-lines', 'application/jsonlines', 'application/x-ndjson', 'application/x-jsonlines']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (_request, text, done) => done(null, text));
  }
  // text/plain (what a page can post to another site without asking) is not read: see request-guard.ts.
  app.removeContentTypeParser('text/plain');

  await app.register(fastifyStatic, { root: filesDir, serve: false });
  const notices = createNotices(options.notice ?? ((line) => console.warn(line)));
  registerEndpoints(
    app,
    apiEndpoints,
    {
      repos,
      filesDir,
      notices,
      plainClearml: options.plainClearml ?? false,
    },
    { responseSchemas: options.responseSchemas ?? true },
  );
  await app.register(filesRoutes, { filesDir, maxFileBytes: options.maxFileBytes });
  const basePath = parseBasePath(options.basePath);
  sdkLinkRoutes(app, basePath);
  appRoutes(app, options.appDir === undefined ? DEFAULT_APP_DIR : options.appDir, basePath);
  return app;
}
