/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the built app (scripts,
 * styles, fonts in TrueType, SVG, JSON), which the embedded server sends to browsers that accept
 * them (server/src/web/app-routes.ts): the app's code and Plotly travel at under a third of their
 * size to a browser on another machine, and nothing is compressed while a request waits.
 * Run after each `npm run build` (postbuild); `node scripts/precompress.mjs [DIR]` for another
 * folder. A copy is kept only where it saves at least a tenth; files under 1 KB and already
 * compressed formats (woff2, png) are left alone.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEXT = /\.(?:js|mjs|css|json|svg|ttf|txt|map|webmanifest)$/;
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, path) : entry.isFile() ? [path] : [];
  });
}

/** Writes the compressed copies for `dir`; resolves to the number of files given copies. */
export async function precompress(dir) {
  const files = filesUnder(dir).filter((file) => TEXT.test(file));
  let count = 0;
  // zlib's asynchronous calls run on libuv's thread pool: the files are compressed side by side.
  await Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      const body = readFileSync(path);
      let written = false;
      for (const [ext, compress] of [
        // Quality 9: a tenth larger than 11 at a fifteenth of the time (Plotly's 4.8 MB in about a second).
        ['.br', () => brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })],
        ['.gz', () => gz(body, { level: 9 })],
      ]) {
        rmSync(path + ext, { force: true });
        if (body.length < MIN_BYTES) continue;
        const packed = await compress();
        if (packed.length > body.length * 0.9) continue;
        // Written aside and renamed: a server reading the folder meanwhile never sees half a file.
        const aside = `${path}${ext}.${process.pid}.tmp`;
        writeFileSync(aside, packed);
        renameSync(aside, path + ext);
        written = true;
      }
      if (written) count++;
    }),
  );
  return count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? join(ROOT, 'dist/compare-tasks/browser');
  // A build with its own --output-path leaves the default folder as it was, or absent.
  if (!existsSync(dir)) console.log(`No build in ${dir}: no compressed copies written`);
  else console.log(`Compressed copies (.br, .gz) written for ${await precompress(dir)} files in ${dir}`);
}
