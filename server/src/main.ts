/**
 * npm run serve -- [--db FILE] [--files DIR] [--host H] [--port N] [--no-demo] [--frame-ancestors "ORIGINS"]
 *   [--keys FILE] [--insecure-no-auth] [--allowed-hosts "NAMES"] [--max-file-size SIZE]
 *   [--base-path /compare/] [--plain-clearml] [--max-queue N] [--durability full|normal]
 *   [--trust-proxy ADDRESSES]
 *
 * On any address other than loopback the server needs access keys (COMPARE_API_KEYS="key:secret,..."
 * or --keys FILE with one key:secret a line) and refuses to start without them, unless
 * --insecure-no-auth says that everyone who can reach it may read and write everything.
 * --plain-clearml (or COMPARE_PLAIN_CLEARML=1) answers as a plain clearml-server: no capabilities in
 * server.info, none of this server's extensions.
 *
 * --max-queue N (COMPARE_MAX_QUEUE; default 64): API requests held at once; past it a request is
 * answered 503 with Retry-After (server.info always answers).
 *
 * --durability full (the default) syncs every acknowledged write to disk; normal is faster but may
 * lose the last acknowledged writes on a power loss or OS crash (not on a killed server).
 *
 * --trust-proxy (COMPARE_TRUST_PROXY): the reverse proxies whose X-Forwarded-For names the client
 * (their addresses, or true for any), so that the sign-in limit counts each client.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app';
import { parseTrustProxy } from './web/trust-proxy';
import { DEFAULT_DURABILITY, DURABILITIES, type Durability } from './db/database';
import { sdkSettingsText } from './sdk-settings';
import { isLoopbackHost, loadApiKeys } from './auth/keys';
import { parseByteSize } from './files/byte-size';
import { parseAllowedHosts } from './web/request-guard';
import { parseBasePath } from './web/base-path';
import { DEFAULT_MAX_QUEUE } from './http/load-shedding';
import { parseFrameAncestors } from './web/security-headers';

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: process.env.COMPARE_DB ?? 'data/compare.db' },
      files: { type: 'string', default: process.env.COMPARE_FILES ?? 'data/files' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      'no-demo': { type: 'boolean', default: false },
      keys: { type: 'string', default: process.env.COMPARE_KEYS_FILE },
      'insecure-no-auth': { type: 'boolean', default: false },
      'plain-clearml': { type: 'boolean', default: process.env.COMPARE_PLAIN_CLEARML === '1' },
      durability: { type: 'string', default: process.env.COMPARE_DURABILITY ?? DEFAULT_DURABILITY },
      // Origins allowed to show the app in a frame (CSP frame-ancestors); 'self' always is.
      'frame-ancestors': { type: 'string', default: process.env.COMPARE_FRAME_ANCESTORS ?? '' },
      // Host names answered besides loopback and --host (web/request-guard.ts); * answers any.
      'allowed-hosts': { type: 'string', default: process.env.COMPARE_ALLOWED_HOSTS ?? '' },
      // The largest file an upload may store: bytes, or with K, M or G (powers of 1024).
      'max-file-size': { type: 'string', default: process.env.COMPARE_MAX_FILE_SIZE ?? '2G' },
      // The path the app is served under (the API stays at /api, files at /files).
      'base-path': { type: 'string', default: process.env.COMPARE_BASE_PATH ?? '/' },
      'max-queue': { type: 'string', default: process.env.COMPARE_MAX_QUEUE ?? String(DEFAULT_MAX_QUEUE) },
      'trust-proxy': { type: 'string', default: process.env.COMPARE_TRUST_PROXY ?? '' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const maxQueue = Number(values['max-queue']);
  if (!Number.isInteger(maxQueue) || maxQueue < 1)
    throw new Error(`--max-queue must be a whole number of requests, at least 1, got ${values['max-queue']}`);
  const durability = values.durability as Durability;
  if (!DURABILITIES.includes(durability)) throw new Error(`--durability must be ${DURABILITIES.join(' or ')}, got ${values.durability}`);
  const dbPath = resolve(values.db!);
  mkdirSync(dirname(dbPath), { recursive: true });
  // COMPARE_APP_DIR serves another build of the web app (tests build into their own folder).
  const appDir = process.env.COMPARE_APP_DIR ? resolve(process.env.COMPARE_APP_DIR) : undefined;
  const frameAncestors = parseFrameAncestors(values['frame-ancestors']);
  const allowedHosts = parseAllowedHosts(values['allowed-hosts']);
  const maxFileBytes = parseByteSize(values['max-file-size']!, '--max-file-size');
  const basePath = parseBasePath(values['base-path']);
  const apiKeys = loadApiKeys(process.env.COMPARE_API_KEYS, values.keys);
  if (!apiKeys && !isLoopbackHost(values.host!) && !values['insecure-no-auth']) {
    throw new Error(
      `Refusing to listen on ${values.host} without access keys: anyone who can reach it could read and change every task.\n` +
        'Set COMPARE_API_KEYS="access_key:secret_key,..." or pass --keys FILE (one access_key:secret_key a line),\n' +
        'or pass --insecure-no-auth to run open anyway.',
    );
  }
  const app = await buildApp({
    dbPath,
    filesDir: resolve(values.files!),
    demo: !values['no-demo'],
    appDir,
    frameAncestors,
    apiKeys,
    listenHost: values.host,
    allowedHosts,
    maxFileBytes,
    basePath,
    plainClearml: values['plain-clearml'],
    maxQueue,
    durability,
    trustProxy: parseTrustProxy(values['trust-proxy']!),
  });
  try {
    await app.listen({ host: values.host, port });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw new Error(listenFailure(error, values.host!, port));
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = values.host!.includes(':') ? `[${values.host}]` : values.host;
  console.log(`Compare tasks is running at http://${host}:${actualPort}${basePath}`);
  if (values['plain-clearml']) console.log("Plain ClearML mode: answers as clearml-server does, without this server's extensions.");
  console.log(sdkSettingsText(values.host!, actualPort, apiKeys !== null));
  if (apiKeys) console.log(`Access keys: ${apiKeys.size} (${[...apiKeys.keys()].join(', ')}); sign in with one to use the app or the API.`);
  else if (!isLoopbackHost(values.host!))
    console.log('WARNING: --insecure-no-auth: no access keys, the API is open to everyone who can reach it.');
  if (!isLoopbackHost(values.host!) && allowedHosts.length === 0) {
    console.log(
      `Host names answered: loopback, ${/^(0\.0\.0\.0|::|\[::\])$/.test(values.host!) ? 'any IP address' : values.host}; add the names clients use with --allowed-hosts.`,
    );
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

/** Why the server could not listen, and what to do about it. */
function listenFailure(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const other = port === 8080 ? 8081 : port + 1;
  if (code === 'EADDRINUSE')
    return (
      `Port ${port} on ${host} is already in use (another program, or this server started before). ` +
      `Start on another port: PORT=${other} npm start, or npm run serve -- --port ${other}.`
    );
  if (code === 'EACCES') return `Port ${port} needs more rights than this user has: choose one above 1023 with --port (or PORT).`;
  if (code === 'EADDRNOTAVAIL')
    return `${host} is not an address of this machine: choose one of its addresses with --host, or 0.0.0.0 for all.`;
  return error instanceof Error ? error.message : String(error);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
