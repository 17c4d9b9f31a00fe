/**
 * npm run serve -- [--db FILE] [--files DIR] [--host H] [--port N] [--no-demo] [--frame-ancestors "ORIGINS"]
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app';
import { parseFrameAncestors } from './web/security-headers';

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: process.env.COMPARE_DB ?? 'data/compare.db' },
      files: { type: 'string', default: process.env.COMPARE_FILES ?? 'data/files' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      'no-demo': { type: 'boolean', default: false },
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
  const app = await buildApp({ dbPath, filesDir: resolve(values.files!), demo: !values['no-demo'], appDir, frameAncestors });
  await app.listen({ host: values.host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = values.host!.includes(':') ? `[${values.host}]` : values.host;
  console.log(`Compare tasks is running at http://${host}:${actualPort}/`);
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
