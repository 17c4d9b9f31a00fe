/**
 * npm run serve -- [--db FILE] [--files DIR] [--host H] [--port N] [--no-demo] [--frame-ancestors "ORIGINS"]
 *   [--keys FILE] [--insecure-no-auth] [--plain-clearml]
 *
 * On any address other than loopback the server needs access keys (COMPARE_API_KEYS="key:secret,..."
 * or --keys FILE with one key:secret a line) and refuses to start without them, unless
 * --insecure-no-auth says that everyone who can reach it may read and write everything.
 * --plain-clearml (or COMPARE_PLAIN_CLEARML=1) answers as a plain clearml-server: no capabilities in
 * server.info, none of this server's extensions.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app';
import { sdkSettingsText } from './sdk/settings';
import { isLoopbackHost, loadApiKeys } from './auth/keys';
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
      // Origins allowed to show the app in a frame (CSP frame-ancestors); 'self' always is.
      'frame-ancestors': { type: 'string', default: process.env.COMPARE_FRAME_ANCESTORS ?? '' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const dbPath = resolve(values.db!);
  mkdirSync(dirname(dbPath), { recursive: true });
  // COMPARE_APP_DIR serves another build of the web app (tests build into their own folder).
  const appDir = process.env.COMPARE_APP_DIR ? resolve(process.env.COMPARE_APP_DIR) : undefined;
  const frameAncestors = parseFrameAncestors(values['frame-ancestors']);
  const apiKeys = loadApiKeys(process.env.COMPARE_API_KEYS, values.keys);
  if (!apiKeys && !isLoopbackHost(values.host!) && !values['insecure-no-auth']) {
    throw new Error(
      `Refusing to listen on ${values.host} without access keys: anyone who can reach it could read and change every task.\n` +
        'Set COMPARE_API_KEYS="access_key:secret_key,..." or pass --keys FILE (one access_key:secret_key a line),\n' +
        'or pass --insecure-no-auth to run open anyway.',
    );
  }
  const app = await buildApp({ dbPath, filesDir: resolve(values.files!), demo: !values['no-demo'], appDir, frameAncestors, apiKeys, plainClearml: values['plain-clearml'] });
  await app.listen({ host: values.host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = values.host!.includes(':') ? `[${values.host}]` : values.host;
  console.log(`Compare tasks is running at http://${host}:${actualPort}/`);
  if (values['plain-clearml']) console.log('Plain ClearML mode: answers as clearml-server does, without this server\'s extensions.');
  console.log(sdkSettingsText(values.host!, actualPort, apiKeys !== null));
  if (apiKeys) console.log(`Access keys: ${apiKeys.size} (${[...apiKeys.keys()].join(', ')}); sign in with one to use the app or the API.`);
  else if (!isLoopbackHost(values.host!)) console.log('WARNING: --insecure-no-auth: no access keys, the API is open to everyone who can reach it.');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
