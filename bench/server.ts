/**
 * npm run bench:server   (or: npm run bench -- server)
 *
 * On the large database (bench/lib/data.ts: 100 tasks x 20 series x 100,000 iterations + one
 * 1,000,000-point series; built once), against the server running as its own process:
 * - a load of 10 connections for 10 s on the histogram (bench/lib/load.ts): req/s, p99, errors, beside the
 *   same load on a server that only sends the stored answer (the load client's ceiling on this machine);
 * - the scalar histogram for 1 task and for 100 tasks (p50 / p95 over HTTP), and the same answer
 *   computed by a naive full scan of the raw rows (the ratio);
 * - ingest through events.add_batch over HTTP, on a fresh database, in SDK-like batches;
 * - list answers (5,000 tasks, events lists) serialised with and without response schemas
 *   (bench/lib/list-answers.ts), on a database of their own.
 * BENCH_RUNS (100: a p95 that is not just the second-slowest run) histogram runs per case; BENCH_TIMES=1 prints
 * every run's time; BENCH_TASKS / BENCH_SERIES / BENCH_ITERATIONS size the database.
 */
import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, largeDatabase } from './lib/data';
import { median, percentile, postBytes } from './lib/http';
import { INGEST_SHAPES, measureIngest } from './lib/ingest';
import { benchListAnswers } from './lib/list-answers';
import { load as loadOn } from './lib/load';
import { result } from './lib/result';
import { startBytesServer, startServer } from './lib/server';

const SAMPLES = 2000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 100);
const HISTOGRAM = 'events.multi_task_scalar_metrics_iter_histogram';

interface SeriesInfo {
  task: string;
  metric: string;
  variant: string;
  count: number;
}

/** Times `runs` calls of `run` after a warm-up; `after` gets each result outside the timed part. */
async function timeRuns<T>(run: () => Promise<T>, runs: number, after?: (result: T) => void): Promise<number[]> {
  if (runs > 1) after?.(await run()); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = await run();
    times.push(performance.now() - start);
    after?.(result);
  }
  return times;
}

/** The histogram answered from raw rows: read every point of each series and bucket it in process. */
function naiveHistogram(db: Database.Database, tasks: string[], metric: string, variant: string): number {
  const seriesId = db.prepare('SELECT id FROM scalar_series WHERE task = ? AND metric = ? AND variant = ?').pluck();
  const rows = db.prepare('SELECT iter, value FROM scalars WHERE series = ? ORDER BY iter').raw(true);
  let size = 0;
  for (const task of tasks) {
    const points = rows.all(seriesId.get(task, metric, variant)) as [number, number][];
    const first = points[0][0];
    const width = Math.max(1, Math.ceil((points[points.length - 1][0] - first + 1) / SAMPLES));
    const x: number[] = [],
      y: number[] = [],
      lo: number[] = [],
      hi: number[] = [];
    let bucket = -1,
      sum = 0,
      count = 0,
      min = 0,
      max = 0,
      sumIter = 0;
    const flush = () => {
      if (!count) return;
      x.push(Math.round(sumIter / count));
      y.push(sum / count);
      lo.push(min);
      hi.push(max);
    };
    for (const [iter, value] of points) {
      const b = Math.floor((iter - first) / width);
      if (b !== bucket) {
        flush();
        bucket = b;
        sum = 0;
        count = 0;
        sumIter = 0;
        min = value;
        max = value;
      }
      sum += value;
      count++;
      sumIter += iter;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    flush();
    size += JSON.stringify({ x, y, lo, hi }).length;
  }
  return size;
}

/** The series the bench asks for: the longest one, and a regular one that 100 tasks have. */
function benchSeries(db: Database.Database) {
  const series = db
    .prepare(
      `SELECT s.task, s.metric, s.variant, s.count FROM scalar_series s JOIN tasks t ON t.id = s.task
    JOIN projects p ON p.id = t.project WHERE p.name = 'Benchmark' ORDER BY s.count DESC, s.task`,
    )
    .all() as SeriesInfo[];
  const longest = series[0];
  const regular = series.find((s) => s.count < longest.count) ?? series[0];
  const hundred = series
    .filter((s) => s.metric === regular.metric && s.variant === regular.variant)
    .slice(0, 100)
    .map((s) => s.task);
  return { longest, regular, hundred };
}

// With the envelope, as the app asks a server that advertises it.
const bodyOf = (tasks: string[], s: SeriesInfo) => ({
  tasks,
  metrics: [{ metric: s.metric, variants: [s.variant] }],
  samples: SAMPLES,
  envelope: true,
});

/** The load cases: one long series, and one chart of 100 tasks as the Scalars page asks it. */
function loadCases(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  const { longest, regular, hundred } = benchSeries(db);
  db.close();
  return [
    { label: `1 task, ${longest.count.toLocaleString('en-US')}-point series, ${SAMPLES} samples`, body: bodyOf([longest.task], longest) },
    // What the Scalars page asks for one chart: every compared task, one metric, 500 samples.
    {
      label: `${hundred.length} tasks, one chart as the Scalars page asks (500 samples)`,
      body: { ...bodyOf(hundred, regular), samples: 500 },
    },
  ];
}

async function benchHistogram(base: string, dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  const { longest, regular, hundred } = benchSeries(db);
  const cases = [
    { key: '1-task', label: `1 task, ${longest.count.toLocaleString('en-US')}-point series`, tasks: [longest.task], of: longest },
    { key: '1-task-regular', label: `1 task, ${regular.count.toLocaleString('en-US')}-point series`, tasks: [regular.task], of: regular },
    { key: '100-task', label: `${hundred.length} tasks x ${regular.count.toLocaleString('en-US')} points`, tasks: hundred, of: regular },
    // The server keeps serialised answers until a series changes; asking with a different `samples`
    // value each run (same bucket width, same points) measures the answer computed from the rollups.
    {
      key: '100-task-computed',
      label: `${hundred.length} tasks, computed each time (not cached)`,
      tasks: hundred,
      of: regular,
      vary: true,
    },
  ];
  console.log(
    `\nHistogram (samples ${SAMPLES}, over HTTP, ${RUNS} runs after a warm-up; answered = request sent to the last byte received;`,
  );
  console.log(
    'parse = the client decoding and parsing that JSON (Node, median); full scan = raw rows read and bucketed in process, median of 3, one run above 5 M rows)',
  );
  console.log('| query | points returned | answer MB | answered p50 ms | answered p95 ms | parse ms | full scan ms | scan / p95 |');
  console.log('|---|---|---|---|---|---|---|---|');
  const figures = new Map<string, { p50: number; p95: number; scan: number }>();
  for (const c of cases) {
    let run = 0;
    let points = 0;
    const parses: number[] = [];
    // Parsing is the client's cost: each answer is parsed (to count its points) after its time is taken.
    const times = await timeRuns(
      async () => {
        const request = { ...bodyOf(c.tasks, c.of), samples: c.vary ? SAMPLES - run++ : SAMPLES };
        return postBytes(base, HISTOGRAM, request);
      },
      RUNS,
      (bytes) => {
        const start = performance.now();
        const data = (
          JSON.parse(bytes.toString('utf8')) as { data: { metrics: Record<string, Record<string, Record<string, { x: unknown[] }>>> } }
        ).data;
        parses.push(performance.now() - start);
        points = Object.values(data.metrics[c.of.metric][c.of.variant]).reduce((n, s) => n + s.x.length, 0);
        // The client's own garbage (7.6 MB answers, their parsed arrays) is collected here, between
        // runs, when node runs with --expose-gc (as `npm run bench:server` does), not during the next timed one.
        (globalThis as { gc?: () => void }).gc?.();
      },
    );
    const size = (await postBytes(base, HISTOGRAM, bodyOf(c.tasks, c.of))).length;
    // The scan reads every raw row (10 M for 100 tasks): one run for a large case, a median of 3 otherwise.
    const scanRuns = c.tasks.length * c.of.count > 5_000_000 ? 1 : 3;
    const scan = c.vary
      ? figures.get('100-task')!.scan // the same query as the row above
      : median(await timeRuns(async () => naiveHistogram(db, c.tasks, c.of.metric, c.of.variant), scanRuns));
    if (process.env['BENCH_TIMES']) console.log(c.key, times.map((t) => t.toFixed(0)).join(' '));
    const p50 = percentile(times, 50),
      p95 = percentile(times, 95);
    figures.set(c.key, { p50, p95, scan });
    console.log(
      `| ${c.label} | ${points.toLocaleString('en-US')} | ${(size / 1e6).toFixed(1)} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ` +
        `${median(parses).toFixed(1)} | ${scan.toFixed(0)} | ${(scan / p95).toFixed(0)}x |`,
    );
  }
  db.close();
  const one = figures.get('1-task')!,
    all = figures.get('100-task')!,
    computed = figures.get('100-task-computed')!;
  result(`server: histogram, 1 task (${longest.count.toLocaleString('en-US')} points) p95`, one.p95, 'ms', 100);
  result(`server: histogram, ${hundred.length} tasks p95 (repeated query)`, all.p95, 'ms', 100);
  result(`server: histogram, ${hundred.length} tasks p95 (computed each time, not cached)`, computed.p95, 'ms', 100);
  result(`server: ${hundred.length}-task histogram vs full scan`, all.scan / all.p95, 'x faster', 20, 'min');
}

/**
 * The 10 connections send the same body: a request the server reads while the same one is being
 * computed shares that computation (server/src/routes/read-coalescing.ts), as several viewers of
 * one chart would.
 */
async function benchLoad(base: string, label: string, requestBody: unknown) {
  const load = (url: string) =>
    loadOn({ base: url, path: `/api/v2.31/${HISTOGRAM}`, body: JSON.stringify(requestBody), connections: 10, seconds: 10 });
  const run = await load(base);
  const errors = run.errors + run.non2xx;
  const ms = (v: number) => v.toFixed(0);
  console.log(
    `\nLoad on the histogram (${label}), 10 connections x 10 s: ` +
      `${run.perSecond.toFixed(0)} req/s, latency p50 ${ms(run.p50)} ms, p99 ${ms(run.p99)} ms, ` +
      `${run.requests} answers (${(run.bytes / 1e9).toFixed(2)} GB), ${run.errors} errors or timeouts, ${run.non2xx} non-2xx`,
  );
  // The same load on a server that only sends this answer's stored bytes: what the load client
  // itself reaches on this machine for an answer of this size (it shares the two cores).
  const bytes = await postBytes(base, HISTOGRAM, requestBody);
  const file = join(tmpdir(), `bench-histogram-answer-${process.pid}.json`);
  writeFileSync(file, bytes);
  const ceiling = await startBytesServer(file);
  try {
    const bare = await load(ceiling.url);
    console.log(
      `The same load on a server that only sends the stored ${(bytes.length / 1e6).toFixed(1)} MB answer (the load client's ceiling here): ` +
        `${bare.perSecond.toFixed(0)} req/s, latency p50 ${ms(bare.p50)} ms, p99 ${ms(bare.p99)} ms; ` +
        `this server reaches ${((100 * run.perSecond) / bare.perSecond).toFixed(0)}% of its rate`,
    );
  } finally {
    await ceiling.stop();
    rmSync(file, { force: true });
  }
  result(`server: histogram load (${label}), 10 connections x 10 s`, run.perSecond, 'req/s', 500, 'min');
  result(`server: histogram load (${label}) p99`, run.p99, 'ms', 100);
  result(`server: histogram load (${label}) errors`, errors, 'errors', 0);
}

async function benchIngest(dir: string) {
  console.log('\nIngest over HTTP (events.add_batch, json-lines, server process, fresh database; median of 3 runs after a warm-up)');
  console.log('| batches | events | events/s | events per server CPU second |');
  console.log('|---|---|---|---|');
  let headline = 0;
  let headlineCpu = 0;
  for (const [i, shape] of INGEST_SHAPES.entries()) {
    await measureIngest(dir, { ...shape, iterations: Math.min(shape.iterations, 500) }); // warm-up
    const runs = [];
    for (let r = 0; r < 3; r++) runs.push(await measureIngest(dir, shape));
    const rate = median(runs.map((r) => r.rate));
    if (i === 0) {
      headline = rate;
      headlineCpu = median(runs.map((r) => r.perCpuSecond));
    }
    const perCpu = median(runs.map((r) => r.perCpuSecond));
    console.log(
      `| ${shape.label} | ${runs[0].events.toLocaleString('en-US')} in ${runs[0].batches} batches | ${Math.round(rate).toLocaleString('en-US')} | ${Math.round(perCpu).toLocaleString('en-US')} |`,
    );
  }
  result(`server: ingest over HTTP (${INGEST_SHAPES[0].label})`, headline, 'events/s', 50_000, 'min');
  // The same run per CPU second of the server process: what it takes on one free core, whatever else the machine runs.
  result(`server: ingest per server CPU second (same run)`, headlineCpu, 'events/s', 50_000, 'min');
}

async function main() {
  // Harness flags (--db, --files, --app) are ignored here; positional names pick parts: histogram, load, ingest, lists.
  const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (!only.length || only.includes('lists')) {
    // A schema that slows its answer down more than the noise of a busy machine fails here.
    for (const { label, ratio, schema } of await benchListAnswers(join(DATA_DIR, 'lists'), Number(process.env['BENCH_LIST_RUNS'] ?? 5))) {
      if (schema) result(`server: ${label} serialised, JSON.stringify / response schema`, ratio, 'x', 0.9, 'min');
    }
    if (only.length && only.every((part) => part === 'lists')) return;
  }
  const large = largeDatabase();
  console.log(`Database: ${large.db} (${large.points.toLocaleString('en-US')} points)`);
  if (!only.length || only.includes('histogram') || only.includes('load')) {
    const server = await startServer({ db: large.db, files: large.files });
    try {
      // The loads first: after the histogram runs below (hundreds of 7.6 MB answers parsed, a full
      // scan of 10 M rows) this process, the load client, is itself slower, and the loads would
      // measure the client rather than the server.
      if (!only.length || only.includes('load')) {
        for (const load of loadCases(large.db)) await benchLoad(server.url, load.label, load.body);
      }
      if (!only.length || only.includes('histogram')) await benchHistogram(server.url, large.db);
    } finally {
      await server.stop();
    }
  }
  if (!only.length || only.includes('ingest')) await benchIngest(join(large.db, '..', 'ingest'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
