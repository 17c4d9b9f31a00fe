/**
 * npm run bench:server
 *
 * Builds (once) or reuses a large database under bench/.data/, then prints:
 * - the scalar histogram for 1 task and for 100 tasks (p50 / p95 over HTTP),
 * - the same answer computed by a naive full scan of the raw rows, and the ratio,
 * - ingest rate through events.add_batch over HTTP.
 * Sizes: BENCH_TASKS (100), BENCH_SERIES (5), BENCH_ITERATIONS (100000); the generator adds one
 * task with a 1,000,000-point series.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { buildApp } from '../server/src/app';
import { openRepositories } from '../server/src/db/repositories';
import { largeDataset } from '../server/src/seed/demo';
import { seedDataset } from '../server/src/seed/seed';

const TASKS = Number(process.env.BENCH_TASKS ?? 100);
const SERIES = Number(process.env.BENCH_SERIES ?? 5);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100_000);
const SAMPLES = 2000;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const dataDir = resolve(__dirname, '.data');
const name = `bench-${TASKS}x${SERIES}x${ITERATIONS}`;
const dbPath = join(dataDir, `${name}.db`);
const filesDir = join(dataDir, `${name}-files`);
const doneMarker = `${dbPath}.done`;

function buildDatabase() {
  if (existsSync(doneMarker)) {
    console.log(`Reusing ${dbPath}`);
    return;
  }
  mkdirSync(dataDir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  console.log(`Building ${dbPath}: ${TASKS} tasks x ${SERIES} series x ${ITERATIONS.toLocaleString('en-US')} iterations + one 1,000,000-point series`);
  const { repos } = openRepositories(dbPath);
  const start = Date.now();
  let lastDraw = 0;
  const result = seedDataset(repos, filesDir, largeDataset({ tasks: TASKS, iterations: ITERATIONS, metrics: SERIES }), (p) => {
    if (Date.now() - lastDraw < 500) return;
    lastDraw = Date.now();
    const seconds = (Date.now() - start) / 1000;
    process.stderr.write(`\r  ${p.tasksDone}/${p.tasksTotal} tasks, ${p.points.toLocaleString('en-US')} points, ${Math.round(p.points / seconds).toLocaleString('en-US')} points/s `);
  });
  repos.db.pragma('wal_checkpoint(TRUNCATE)');
  repos.db.close();
  const seconds = (Date.now() - start) / 1000;
  process.stderr.write('\n');
  console.log(`  built in ${seconds.toFixed(0)} s (${Math.round(result.points / seconds).toLocaleString('en-US')} points/s in process)`);
  writeFileSync(doneMarker, new Date().toISOString());
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function post(base: string, endpoint: string, body: unknown, contentType = 'application/json') {
  const response = await fetch(`${base}api/v2.31/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const parsed = await response.json();
  if (response.status !== 200) throw new Error(`${endpoint}: ${JSON.stringify(parsed.meta)}`);
  return parsed.data;
}

async function timeRuns(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  await run(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

/** The histogram answered from raw rows: read every point of each series and bucket it. */
function naiveHistogram(repos: ReturnType<typeof openRepositories>['repos'], tasks: string[], metric: string, variant: string) {
  const seriesIds = repos.db.prepare('SELECT id FROM scalar_series WHERE task = ? AND metric = ? AND variant = ?').pluck();
  const rows = repos.db.prepare('SELECT iter, value FROM scalars WHERE series = ? ORDER BY iter').raw(true);
  const out: Record<string, { x: number[]; y: number[]; y_min: number[]; y_max: number[] }> = {};
  for (const task of tasks) {
    const id = seriesIds.get(task, metric, variant);
    const points = rows.all(id) as [number, number][];
    const first = points[0][0];
    const last = points[points.length - 1][0];
    const width = Math.max(1, Math.ceil((last - first + 1) / SAMPLES));
    const series = { x: [] as number[], y: [] as number[], y_min: [] as number[], y_max: [] as number[] };
    let bucket = -1;
    let sum = 0, count = 0, min = 0, max = 0, sumIter = 0;
    const flush = () => {
      if (!count) return;
      series.x.push(Math.round(sumIter / count));
      series.y.push(sum / count);
      series.y_min.push(min);
      series.y_max.push(max);
    };
    for (const [iter, value] of points) {
      const b = Math.floor((iter - first) / width);
      if (b !== bucket) {
        flush();
        bucket = b;
        sum = 0; count = 0; sumIter = 0; min = value; max = value;
      }
      sum += value; count++; sumIter += iter;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    flush();
    out[task] = series;
  }
  return JSON.stringify(out).length;
}

async function benchHistogram(base: string) {
  const { repos } = openRepositories(dbPath);
  const benchProject = repos.projects.query({ name: '^Benchmark$' })[0];
  const tasks = repos.tasks.query({ project: [benchProject.id], order_by: ['created'] }).ids;
  const series = repos.db.prepare('SELECT task, metric, variant, count FROM scalar_series WHERE task IN (SELECT value FROM json_each(?)) ORDER BY count DESC, task').all(JSON.stringify(tasks)) as { task: string; metric: string; variant: string; count: number }[];
  const longest = series[0];
  const regular = series.find((s) => s.count === ITERATIONS) ?? series[1];
  const hundred = tasks.filter((t) => series.some((s) => s.task === t && s.metric === regular.metric && s.variant === regular.variant)).slice(0, 100);
  const metrics = (s: { metric: string; variant: string }) => [{ metric: s.metric, variants: [s.variant] }];

  const cases = [
    { label: `1 task, ${longest.count.toLocaleString('en-US')}-point series`, tasks: [longest.task], of: longest },
    { label: `1 task, ${regular.count.toLocaleString('en-US')}-point series`, tasks: [regular.task], of: regular },
    { label: `${hundred.length} tasks x ${regular.count.toLocaleString('en-US')} points`, tasks: hundred, of: regular },
  ];
  const rows: string[] = [];
  const figures: Record<string, number> = {};
  for (const c of cases) {
    let points = 0;
    const times = await timeRuns(async () => {
      const data = await post(base, 'events.multi_task_scalar_metrics_iter_histogram', { tasks: c.tasks, metrics: metrics(c.of), samples: SAMPLES });
      points = Object.values(data.metrics[c.of.metric][c.of.variant] as Record<string, { x: unknown[] }>).reduce((n, s) => n + s.x.length, 0);
    }, RUNS);
    const scanTimes = await timeRuns(async () => naiveHistogram(repos, c.tasks, c.of.metric, c.of.variant), 3);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    const scan = percentile(scanTimes, 50);
    figures[`${c.label} p95`] = p95;
    rows.push(
      `| ${c.label} | ${points.toLocaleString('en-US')} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${scan.toFixed(0)} | ${(scan / p95).toFixed(0)}x |`,
    );
  }
  repos.db.close();
  console.log(`\nHistogram (samples ${SAMPLES}, over HTTP, ${RUNS} runs; full scan = raw rows read and bucketed in process, median of 3)`);
  console.log('| query | points returned | p50 ms | p95 ms | full scan ms | scan / p95 |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  return figures;
}

async function benchIngest() {
  const dir = join(dataDir, 'ingest');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const app = await buildApp({ dbPath: join(dir, 'ingest.db'), filesDir: join(dir, 'files'), appDir: null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  try {
    const project = (await post(base, 'projects.create', { name: 'ingest' })).id;
    const tasks: string[] = [];
    for (let i = 0; i < 10; i++) tasks.push((await post(base, 'tasks.create', { name: `ingest ${i}`, project, type: 'training' })).id);
    // 10 tasks x 10 series x 5,000 iterations, sent as batches of 10,000 events (100 iterations of every series).
    const batches: string[] = [];
    const ITERS = 5000;
    const PER_BATCH_ITERS = 100;
    let total = 0;
    for (let start = 0; start < ITERS; start += PER_BATCH_ITERS) {
      const lines: string[] = [];
      for (const task of tasks) {
        for (let s = 0; s < 10; s++) {
          for (let iter = start; iter < start + PER_BATCH_ITERS; iter++) {
            lines.push(JSON.stringify({ type: 'training_stats_scalar', task, metric: `m${s % 5}`, variant: `v${s}`, iter, value: Math.sin(iter * (s + 1)), timestamp: 1.7e12 + iter * 100 }));
          }
        }
      }
      total += lines.length;
      batches.push(lines.join('\n'));
    }
    const start = performance.now();
    for (const body of batches) {
      const data = await post(base, 'events.add_batch', body, 'application/json-lines');
      if (data.errors) throw new Error(JSON.stringify(data.errors_info));
    }
    const seconds = (performance.now() - start) / 1000;
    const rate = total / seconds;
    console.log(`\nIngest over HTTP: ${total.toLocaleString('en-US')} scalar events in ${batches.length} batches of ${(total / batches.length).toLocaleString('en-US')}: ${seconds.toFixed(1)} s, ${Math.round(rate).toLocaleString('en-US')} events/s`);
    return rate;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  buildDatabase();
  const app = await buildApp({ dbPath, filesDir, appDir: null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  try {
    await benchHistogram(base);
  } finally {
    await app.close();
  }
  await benchIngest();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
