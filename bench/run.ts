/**
 * npm run bench [-- NAME ...] [-- --skip-build]
 *
 * Runs every benchmark under bench/ (server, tasks, bundle, scalars, details, ...; or only the NAMEs
 * given, e.g. `npm run bench -- server tasks`), each as its own process, one after another:
 * 1. builds (once, reused by size) the large database under bench/.data/ (bench/lib/data.ts);
 * 2. builds the app into bench/.data/dist when that build is missing or older than src/;
 * 3. runs each bench with `--app APP_DIR` (also in BENCH_APP_DIR; the large database's paths in
 *    BENCH_DB and BENCH_FILES), showing its output and collecting its `RESULT | what | measured | target | PASS/FAIL` lines;
 * 4. prints one table of every target and writes bench/RESULTS.md with the date and machine. Each
 *    bench's latest run is kept in bench/.data/results/NAME.json, so running one bench refreshes its
 *    rows and keeps the others' (each row says when it was measured). The section "Notes and
 *    history" of RESULTS.md is written by hand and kept as it is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { CHROMIUM_PATH } from '../scripts/chromium.cjs';
import { DATA_DIR, largeDatabase } from './lib/data';
import { parseResults, type ResultRow } from './lib/result';

const ROOT = resolve(__dirname, '..');
const BENCH_DIR = __dirname;
const APP_OUT = join(DATA_DIR, 'dist');
const APP_DIR = join(APP_OUT, 'browser');
/** Run first, in this order; any other bench/*.ts after them, alphabetically. */
const ORDER = ['server', 'bundle', 'tasks', 'scalars', 'details', 'hp-charts', 'plots', 'debug-samples'];
/** Benches that bring their own data (everything else reads the large database). */
const OWN_DATA = ['bundle', 'tasks', 'details', 'hp-charts', 'plots', 'debug-samples', 'durability', 'import'];

function benchNames(): string[] {
  const found = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => f.replace(/\.ts$/, ''));
  return [...ORDER.filter((n) => found.includes(n)), ...found.filter((n) => !ORDER.includes(n)).sort()];
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds the production app into bench/.data/dist unless that build is newer than every source file.
 * Returns the build to measure and a note when it is not a fresh build of the current sources.
 */
function ensureApp(): { appDir: string; note: string | null } {
  const index = join(APP_DIR, 'index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    ...['angular.json', 'package.json', 'tsconfig.json', 'tsconfig.app.json']
      .map((f) => join(ROOT, f))
      .filter(existsSync)
      .map((f) => statSync(f).mtimeMs),
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources) {
    console.log(`App build is up to date: ${APP_DIR}`);
    return { appDir: APP_DIR, note: null };
  }
  console.log(`Building the app into ${APP_OUT} (production, with stats)…`);
  const built = spawnSync('npm', ['run', '-s', 'build', '--', '--no-progress', '--stats-json', '--output-path', APP_OUT], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status === 0) return { appDir: APP_DIR, note: null };
  // The sources do not build right now: measure the newest earlier build rather than nothing.
  const fallback = [APP_DIR, join(ROOT, 'dist/compare-tasks/browser')]
    .filter((d) => existsSync(join(d, 'index.html')))
    .sort((a, b) => statSync(join(b, 'index.html')).mtimeMs - statSync(join(a, 'index.html')).mtimeMs)[0];
  if (!fallback) throw new Error('ng build failed and there is no earlier build to measure');
  const when = new Date(statSync(join(fallback, 'index.html')).mtimeMs).toISOString();
  const note = `ng build failed; the app figures are for the earlier build in ${fallback} (${when})`;
  console.log(`WARNING: ${note}`);
  return { appDir: fallback, note };
}

function runBench(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ output: string; code: number | null; seconds: number }> {
  const start = Date.now();
  return new Promise((done) => {
    // --expose-gc: a bench may collect its own garbage between timed runs (bench/server.ts does).
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, `${name}.ts`), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const tee = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => done({ output, code, seconds: (Date.now() - start) / 1000 }));
  });
}

function command(cmd: string, args: string[]): string {
  const run = spawnSync(cmd, args, { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : 'unknown';
}

function machine(): string[] {
  const chrome = command(CHROMIUM_PATH, ['--version']);
  return [
    `- CPU: ${command('nproc', [])} cores (${cpus()[0]?.model ?? 'unknown'})`,
    `- RAM: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end)`,
    `- Chromium: ${chrome}`,
    `- Node.js: ${process.version}`,
  ];
}

interface BenchRun {
  name: string;
  output: string;
  seconds: number;
  code: number | null;
  rows: ResultRow[];
  date: string;
  load: number[];
}

const RESULTS_DIR = join(DATA_DIR, 'results');

function table(runs: BenchRun[]): string[] {
  const lines = ['| bench | what | measured | target | result | measured on |', '|---|---|---|---|---|---|'];
  for (const run of runs) {
    for (const row of run.rows) {
      lines.push(
        `| ${run.name} | ${row.what} | ${row.measured} | ${row.target} | ${row.status} | ${run.date.slice(0, 16).replace('T', ' ')} (load ${run.load[0].toFixed(1)}) |`,
      );
    }
  }
  return lines;
}

/** This run's benches, plus the latest stored run of every other bench. */
function allRuns(current: BenchRun[]): BenchRun[] {
  const byName = new Map<string, BenchRun>();
  if (existsSync(RESULTS_DIR)) {
    for (const f of readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json'))) {
      const run = JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as BenchRun;
      byName.set(run.name, run);
    }
  }
  for (const run of current) byName.set(run.name, run);
  const names = benchNames();
  return [...byName.values()].filter((r) => names.includes(r.name)).sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
}

async function main() {
  const argv = process.argv.slice(2);
  const skipBuild = argv.includes('--skip-build');
  const all = benchNames();
  const asked = argv.filter((a) => !a.startsWith('--'));
  const unknown = asked.filter((n) => !all.includes(n));
  if (unknown.length) throw new Error(`No bench named ${unknown.join(', ')}; there are: ${all.join(', ')}`);
  const names = asked.length ? asked : all;
  const started = new Date();
  const loadBefore = loadavg();

  const { appDir, note } = skipBuild
    ? { appDir: existsSync(join(APP_DIR, 'index.html')) ? APP_DIR : join(ROOT, 'dist/compare-tasks/browser'), note: null }
    : ensureApp();
  const needsLarge = names.some((n) => !OWN_DATA.includes(n));
  const large = needsLarge ? largeDatabase() : null;
  // Benches bring their own databases (--db means theirs); the large one is in BENCH_DB / BENCH_FILES.
  const args = ['--app', appDir];
  const env = { ...process.env, BENCH_APP_DIR: appDir, ...(large ? { BENCH_DB: large.db, BENCH_FILES: large.files } : {}) };

  const current: BenchRun[] = [];
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const name of names) {
    console.log(`\n=== bench/${name}.ts ===`);
    const date = new Date().toISOString();
    const load = loadavg();
    const run = await runBench(name, args, env);
    const rows = parseResults(run.output);
    if (run.code !== 0)
      rows.push({ what: `bench/${name}.ts exited with code ${run.code}`, measured: '-', target: 'exit 0', status: 'FAIL' });
    else if (!rows.length)
      rows.push({ what: `bench/${name}.ts printed no RESULT lines`, measured: '-', target: 'RESULT lines', status: 'FAIL' });
    const stored: BenchRun = { name, ...run, rows, date, load };
    current.push(stored);
    writeFileSync(join(RESULTS_DIR, `${name}.json`), JSON.stringify(stored));
  }

  const loadAfter = loadavg();
  const thisRun = current.flatMap((r) => r.rows);
  console.log(`\n=== This run: ${thisRun.filter((r) => r.status === 'PASS').length} of ${thisRun.length} targets met ===`);
  for (const line of table(current)) console.log(line);
  const runs = allRuns(current);
  const rows = runs.flatMap((r) => r.rows);
  const summary = `${rows.filter((r) => r.status === 'PASS').length} of ${rows.length} targets met`;

  const done =
    large && existsSync(`${large.db}.done`)
      ? (JSON.parse(readFileSync(`${large.db}.done`, 'utf8')) as { bytes: number; buildSeconds: number; pointsPerSecond: number })
      : null;
  const md = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${asked.length ? ` -- ${asked.join(' ')}` : ''}\` on ${started.toISOString()} (took ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min). ` +
      `${summary}. Benches not run this time keep their latest figures, with the date and load average they were measured at. ` +
      'The machine is shared: a load average above the core count means other work was running and browser figures read high.' +
      (note ? `\n\n**Note:** ${note}.` : ''),
    '',
    '## Machine',
    '',
    ...machine(),
    `- Load average (1/5/15 min): ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} at the start, ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} at the end`,
    large
      ? `- Large database: ${large.sizes.tasks} tasks x ${large.sizes.series} series x ${large.sizes.iterations.toLocaleString('en-US')} iterations` +
        `${large.sizes.iterations >= 100_000 ? ' + one 1,000,000-point series' : ''} = ${large.points.toLocaleString('en-US')} points` +
        (done
          ? `, ${(done.bytes / 1e9).toFixed(1)} GB, built in ${Math.round(done.buildSeconds / 60)} min (${done.pointsPerSecond.toLocaleString('en-US')} points/s)`
          : '')
      : '- Large database: not used by these benches',
    '',
    '## Targets',
    '',
    ...table(runs),
    '',
    ...keptNotes(),
    '## Output of each bench',
    '',
    ...runs.flatMap(({ name, output, seconds, code, date }) => [
      `<details><summary>bench/${name}.ts (${date}, ${seconds.toFixed(0)} s, exit ${code})</summary>`,
      '',
      '```',
      output
        .replace(/\r/g, '\n')
        .split('\n')
        .filter((l) => l.trim())
        .join('\n'),
      '```',
      '',
      '</details>',
      '',
    ]),
  ];
  // Written as Prettier formats it, so that `npm test`'s format check passes on a fresh result.
  const file = join(BENCH_DIR, 'RESULTS.md');
  const options = await prettier.resolveConfig(file);
  writeFileSync(file, await prettier.format(md.join('\n'), { ...options, filepath: file }));
  console.log(`\nWritten to bench/RESULTS.md`);
}

/** The hand-written section of RESULTS.md (notes, and figures with their history), kept as it is. */
const NOTES_HEADING = '## Notes and history';
function keptNotes(): string[] {
  const file = join(BENCH_DIR, 'RESULTS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = text.indexOf(`\n${NOTES_HEADING}\n`);
  if (start < 0) return [];
  const end = text.indexOf('\n## Output of each bench', start + 1);
  return [text.slice(start + 1, end < 0 ? undefined : end).trimEnd(), ''];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
