/**
 * node --import tsx bench/durability.ts   (or: npm run bench -- durability)
 *
 * What `--durability full` (SQLite synchronous=FULL, the default) costs against `normal` in ingest
 * over HTTP: the server process on a fresh database under bench/.data/durability, the ingest shapes
 * of bench/server.ts, runs of the two settings interleaved (BENCH_RUNS pairs, default 3) after a
 * warm-up, median of each. Then the cost in one process, without HTTP: commits of SDK-sized
 * batches (1,000 events) straight into the repositories, the two settings interleaved, so the
 * difference is the sync each commit waits for. Its target: `full` keeps at least 75 % of `normal`'s
 * ingest rate in each shape (the default setting may cost a sync per batch, not a quarter of the
 * throughput); the absolute ingest targets are checked by bench/server.ts. `commits` as an argument
 * runs only the second part.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openRepositories } from '../server/src/db/repositories';
import type { ScalarPoint } from '../server/src/db/scalars-repository';
import { DATA_DIR } from './lib/data';
import { median } from './lib/http';
import { result } from './lib/result';
import { INGEST_SHAPES, measureIngest, type IngestFigures } from './lib/ingest';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
/** BENCH_ITERATIONS caps each shape's iterations (shorter runs, e.g. on a busy machine). */
const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? Infinity);
const SETTINGS = ['full', 'normal'] as const;
/** The least share of `normal`'s ingest rate `full` must keep, in percent. */
const KEPT_TARGET = 75;

async function ingestWith(durability: (typeof SETTINGS)[number], shape: (typeof INGEST_SHAPES)[number]): Promise<IngestFigures> {
  // The server process takes its setting from the environment it inherits (main.ts).
  process.env['COMPARE_DURABILITY'] = durability;
  return measureIngest(join(DATA_DIR, 'durability'), shape);
}

/** Milliseconds per commit of a 1,000-event batch (20 series x 50 iterations), `batches` of them, on a fresh file. */
function commitTimes(durability: (typeof SETTINGS)[number], batches: number): number[] {
  const dir = join(DATA_DIR, 'durability-commits');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { repos } = openRepositories(join(dir, 'commits.db'), durability);
  try {
    repos.tasks.insert('t', { name: 't', type: 'training', status: 'in_progress', created: '', last_update: '', last_change: '' });
    const times: number[] = [];
    for (let b = 0; b < batches; b++) {
      const points: ScalarPoint[] = [];
      for (let i = 0; i < 50; i++) {
        for (let s = 0; s < 20; s++)
          points.push({ task: 't', metric: `m${s % 5}`, variant: `v${s}`, iter: b * 50 + i, value: Math.sin(i + s), ts: 1.7e12 + b });
      }
      const started = performance.now();
      repos.transaction(() => repos.scalars.addPoints(points));
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    repos.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function commitCost() {
  const batches = 200;
  const times: Record<string, number[]> = { full: [], normal: [] };
  for (let r = 0; r < RUNS; r++) for (const durability of SETTINGS) times[durability].push(...commitTimes(durability, batches));
  const full = median(times.full);
  const normal = median(times.normal);
  console.log(
    `\nCommits of 1,000-event batches in one process (${RUNS} x ${batches} per setting, interleaved): median ${full.toFixed(2)} ms full, ` +
      `${normal.toFixed(2)} ms normal: each acknowledged commit waits ${(full - normal).toFixed(2)} ms more for its sync with full ` +
      `(${Math.round(1e6 / full).toLocaleString('en-US')} against ${Math.round(1e6 / normal).toLocaleString('en-US')} events a second of one core)`,
  );
}

async function main() {
  if (process.argv.includes('commits')) return commitCost();
  console.log(
    `Ingest over HTTP by --durability (events.add_batch, json-lines, fresh database; median of ${RUNS} interleaved runs after a warm-up)`,
  );
  console.log('| batches | full: events/s | normal: events/s | full / normal | full: batches/s |');
  console.log('|---|---|---|---|---|');
  const kept: { label: string; percent: number }[] = [];
  for (const listed of INGEST_SHAPES) {
    const shape = { ...listed, iterations: Math.min(listed.iterations, ITERATIONS) };
    for (const durability of SETTINGS) await ingestWith(durability, { ...shape, iterations: Math.min(shape.iterations, 500) });
    const runs: Record<string, IngestFigures[]> = { full: [], normal: [] };
    for (let r = 0; r < RUNS; r++) for (const durability of SETTINGS) runs[durability].push(await ingestWith(durability, shape));
    const full = median(runs.full.map((r) => r.rate));
    const normal = median(runs.normal.map((r) => r.rate));
    const batches = median(runs.full.map((r) => r.batches / r.seconds));
    const rate = (value: number) => Math.round(value).toLocaleString('en-US');
    console.log(`| ${shape.label} | ${rate(full)} | ${rate(normal)} | ${((100 * full) / normal).toFixed(0)}% | ${batches.toFixed(0)} |`);
    kept.push({ label: shape.label, percent: (100 * full) / normal });
  }
  for (const { label, percent } of kept)
    result(`durability: full's ingest rate against normal's (${label})`, Math.round(percent), '%', KEPT_TARGET, 'min');
  delete process.env['COMPARE_DURABILITY'];
  commitCost();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
