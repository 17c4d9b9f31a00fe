/**
 * node --import tsx bench/bundle.ts [--app DIR]      (or: npm run bench -- bundle)
 *
 * The production build (bench/run.ts builds it with --stats-json into bench/.data/dist; default
 * dist/compare-tasks/browser): the initial JS (the scripts index.html loads and preloads, raw
 * bytes, as Angular's budget counts them) and where Plotly is. Plotly must only be loaded on
 * demand: its builds are copied beside the app (plotly/, run as classic scripts when a chart needs
 * one), none of the initial files holds Plotly's own banner or registry names, and the esbuild
 * stats (stats.json) show no initial output bundling plotly.js.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { result } from './lib/result';
import { ROOT } from './lib/server';

const { values: args } = parseArgs({ options: { app: { type: 'string' } }, strict: false });
const APP_DIR = (args.app as string | undefined) ?? process.env['BENCH_APP_DIR'] ?? join(ROOT, 'dist/compare-tasks/browser');

/** Scripts index.html loads at start: <script src> and <link rel="modulepreload">. */
function initialScripts(html: string): string[] {
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*href="([^"]+\.js)"[^>]*rel="modulepreload"/g)) files.add(m[1]);
  return [...files];
}

/** Chunks statically imported by the initial scripts belong to the initial load too. */
function withStaticImports(dir: string, entry: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(join(dir, file))) continue;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]);
  }
  return [...seen];
}

const PLOTLY_MARKS = [/plotly\.js v\d/i, /Plotly\.register/, /"scattergl"/];

function main() {
  const index = join(APP_DIR, 'index.html');
  if (!existsSync(index)) throw new Error(`No build at ${APP_DIR}: run npm run bench (which builds it) or ng build first`);
  const initial = withStaticImports(APP_DIR, initialScripts(readFileSync(index, 'utf8')));
  const all = readdirSync(APP_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  const size = (f: string) => statSync(join(APP_DIR, f)).size;
  const initialBytes = initial.reduce((n, f) => n + size(f), 0);
  const hasPlotly = (f: string) => PLOTLY_MARKS.some((re) => re.test(readFileSync(join(APP_DIR, f), 'utf8')));
  const plotlyInitial = initial.filter(hasPlotly);
  const plotlyLazy = all.filter((f) => !initial.includes(f) && hasPlotly(f));

  console.log(`Build: ${APP_DIR}`);
  console.log(`Initial scripts (${initial.length}): ${initial.map((f) => `${f} ${(size(f) / 1024).toFixed(1)} kB`).join(', ')}`);
  console.log(
    `Lazy chunks: ${all.length - initial.length}, ${(all.filter((f) => !initial.includes(f)).reduce((n, f) => n + size(f), 0) / 1024).toFixed(0)} kB`,
  );
  console.log(
    `Plotly found in initial files: ${plotlyInitial.join(', ') || 'none'}; in files loaded on demand: ${plotlyLazy.map((f) => `${f} (${(size(f) / 1024).toFixed(0)} kB)`).join(', ') || 'none'}`,
  );

  const stats = join(dirname(APP_DIR), 'stats.json');
  let statsInitial: string[] = [];
  if (existsSync(stats)) {
    const meta = JSON.parse(readFileSync(stats, 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const holders = Object.entries(meta.outputs)
      .filter(([, o]) => Object.keys(o.inputs).some((i) => i.includes('plotly.js')))
      .map(([file]) => file.split('/').pop()!);
    statsInitial = holders.filter((f) => initial.includes(f));
    console.log(`stats.json: plotly.js is bundled into ${holders.join(', ') || 'nothing (its builds are run as they are)'}`);
  }
  result('bundle: initial JS (raw)', initialBytes / 1000, 'kB', 500);
  // What a browser receives from the embedded server after `npm run build` (scripts/precompress.mjs, same settings).
  const brotliBytes = initial.reduce(
    (sum, f) => sum + brotliCompressSync(readFileSync(join(APP_DIR, f)), { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }).length,
    0,
  );
  console.log(`Initial JS as brotli (quality 9, as npm run build writes it): ${(brotliBytes / 1000).toFixed(0)} kB`);
  const plotlyOk = plotlyInitial.length === 0 && statsInitial.length === 0 && plotlyLazy.length > 0;
  console.log(
    `RESULT | bundle: Plotly only in lazy chunks | ${plotlyOk ? 'lazy only' : `initial: ${[...plotlyInitial, ...statsInitial].join(', ') || 'none'}; lazy: ${plotlyLazy.length}`} | lazy only | ${plotlyOk ? 'PASS' : 'FAIL'}`,
  );
}

main();
