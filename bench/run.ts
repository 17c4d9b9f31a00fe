/**
 * npm run bench [-- NAME ...] [-- --skip-build]
 *
 * Runs every benchmark under bench/ (server, tasks, bundle, scalars, details, ...; or only the NAMEs
 * given, e.g. `npm run bench -- server tasks`), each as its own process, one after another:
 * 1. builds (once, reused by size) the large database under bench/.data/ (bench/lib/data.ts);
 * 2. builds the app into bench/.data/dist when that build is missing or older than src/;
 * 3. runs each bench with `--db DB --files DIR --app APP_DIR` (also in BENCH_DB, BENCH_FILES,
 *    BENCH_APP_DIR), showing its output and collecting its `RESULT | what | measured | target | PASS/FAIL` lines;
 * 4. prints one table of every target and writes it to bench/RESULTS.md with the date and machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DATA_DIR, largeDatabase } from './lib/data';
import { parseResults, type ResultRow } from './lib/result';

const ROOT = resolve(__dirname, '..');
const BENCH_DIR = __dirname;
const APP_OUT = join(DATA_DIR, 'dist');
const APP_DIR = join(APP_OUT, 'browser');
/** Run first, in this order; any other bench/*.ts after them, alphabetically. */
const ORDER = ['server', 'bundle', 'tasks', 'scalars', 'details'];

function benchNames(): string[] {
  const found = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.replace(/\.ts$/, ''));
  return [...ORDER.filter((n) => found.includes(n)), ...found.filter((n) => !ORDER.includes(n)).sort()];
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the production app into bench/.data/dist unless that build is newer than every source file. */
function ensureApp(): void {
  const index = join(APP_DIR, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), ...['angular.json', 'package.json', 'tsconfig.json', 'tsconfig.app.json']
    .map((f) => join(ROOT, f)).filter(existsSync).map((f) => statSync(f).mtimeMs));
  if (existsSync(index) && statSync(index).mtimeMs > sources) {
    console.log(`App build is up to date: ${APP_DIR}`);
    return;
  }
  console.log(`Building the app into ${APP_OUT} (production, with stats)…`);
  const built = spawnSync('npx', ['ng', 'build', '--no-progress', '--stats-json', '--output-path', APP_OUT], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('ng build failed');
}

function runBench(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ output: string; code: number | null; seconds: number }> {
  const start = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, `${name}.ts`), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const chrome = command(process.env['CHROME_BIN'] || '/usr/bin/chromium', ['--version']);
  return [
    `- CPU: ${command('nproc', [])} cores (${cpus()[0]?.model ?? 'unknown'})`,
    `- RAM: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end)`,
    `- Chromium: ${chrome}`,
    `- Node.js: ${process.version}`,
  ];
}

function table(rows: { bench: string; row: ResultRow }[]): string[] {
  const lines = ['| bench | what | measured | target | result |', '|---|---|---|---|---|'];
  for (const { bench, row } of rows) lines.push(`| ${bench} | ${row.what} | ${row.measured} | ${row.target} | ${row.status} |`);
  return lines;
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

  const large = largeDatabase();
  if (!skipBuild) ensureApp();
  const args = ['--db', large.db, '--files', large.files, '--app', APP_DIR];
  const env = { ...process.env, BENCH_DB: large.db, BENCH_FILES: large.files, BENCH_APP_DIR: APP_DIR };

  const rows: { bench: string; row: ResultRow }[] = [];
  const outputs: { name: string; output: string; seconds: number; code: number | null }[] = [];
  for (const name of names) {
    console.log(`\n=== bench/${name}.ts ===`);
    const run = await runBench(name, args, env);
    outputs.push({ name, ...run });
    const found = parseResults(run.output);
    for (const row of found) rows.push({ bench: name, row });
    if (run.code !== 0) rows.push({ bench: name, row: { what: `bench/${name}.ts exited with code ${run.code}`, measured: '-', target: 'exit 0', status: 'FAIL' } });
    else if (!found.length) rows.push({ bench: name, row: { what: `bench/${name}.ts printed no RESULT lines`, measured: '-', target: 'RESULT lines', status: 'FAIL' } });
  }

  const loadAfter = loadavg();
  const passed = rows.filter((r) => r.row.status === 'PASS').length;
  const summary = `${passed} of ${rows.length} targets met`;
  console.log(`\n=== All targets (${summary}) ===`);
  for (const line of table(rows)) console.log(line);

  const done = existsSync(`${large.db}.done`) ? JSON.parse(readFileSync(`${large.db}.done`, 'utf8')) as { bytes: number; buildSeconds: number; pointsPerSecond: number } : null;
  const md = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${asked.length ? ` -- ${asked.join(' ')}` : ''}\` on ${started.toISOString()} (took ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min). ${summary}.`,
    '',
    '## Machine',
    '',
    ...machine(),
    `- Load average (1/5/15 min): ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} at the start, ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} at the end`,
    `- Large database: ${large.sizes.tasks} tasks x ${large.sizes.series} series x ${large.sizes.iterations.toLocaleString('en-US')} iterations` +
      `${large.sizes.iterations >= 100_000 ? ' + one 1,000,000-point series' : ''} = ${large.points.toLocaleString('en-US')} points` +
      (done ? `, ${(done.bytes / 1e9).toFixed(1)} GB, built in ${Math.round(done.buildSeconds / 60)} min (${done.pointsPerSecond.toLocaleString('en-US')} points/s)` : ''),
    '',
    '## Targets',
    '',
    ...table(rows),
    '',
    '## Output of each bench',
    '',
    ...outputs.flatMap(({ name, output, seconds, code }) => [
      `<details><summary>bench/${name}.ts (${seconds.toFixed(0)} s, exit ${code})</summary>`,
      '',
      '```',
      output.replace(/\r/g, '\n').split('\n').filter((l) => l.trim()).join('\n'),
      '```',
      '',
      '</details>',
      '',
    ]),
  ];
  writeFileSync(join(BENCH_DIR, 'RESULTS.md'), md.join('\n'));
  console.log(`\nWritten to bench/RESULTS.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
