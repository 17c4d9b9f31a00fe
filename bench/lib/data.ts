/**
 * The large benchmark database, built once under bench/.data/ and reused by every bench script.
 *
 *   import { largeDatabase } from './lib/data';
 *   const { db, files } = largeDatabase();   // builds first if needed (minutes), then returns paths
 *
 * Sizes (issue 11): 100 tasks x 20 series x 100,000 iterations, plus one task with a
 * 1,000,000-point series (loss/long). Override with BENCH_TASKS / BENCH_SERIES / BENCH_ITERATIONS;
 * each size gets its own file, so a smaller run never replaces the full one.
 * When a build finishes, bench/.data/READY records its path and sizes.
 * Concurrent callers wait for the one that is building (a lock file holding its pid).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openRepositories } from '../../server/src/db/repositories';
import { largeDataset, LONG_SERIES_POINTS } from '../../server/src/seed/demo';
import { seedDataset } from '../../server/src/seed/seed';

export const DATA_DIR = resolve(__dirname, '..', '.data');

export interface LargeSizes {
  tasks: number;
  series: number;
  iterations: number;
}

export interface LargeDatabase {
  db: string;
  files: string;
  sizes: LargeSizes;
  /** Scalar points stored (tasks x series x iterations + the long series). */
  points: number;
}

/** The sizes issue 11 asks for. */
export const FULL: LargeSizes = { tasks: 100, series: 20, iterations: 100_000 };

export function largeSizes(): LargeSizes {
  return {
    tasks: Number(process.env['BENCH_TASKS'] ?? FULL.tasks),
    series: Number(process.env['BENCH_SERIES'] ?? FULL.series),
    iterations: Number(process.env['BENCH_ITERATIONS'] ?? FULL.iterations),
  };
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Returns the large database, building it first when it is missing (or a previous build died). */
export function largeDatabase(sizes: LargeSizes = largeSizes()): LargeDatabase {
  const name = `large-${sizes.tasks}x${sizes.series}x${sizes.iterations}`;
  const db = join(DATA_DIR, `${name}.db`);
  const files = join(DATA_DIR, `${name}-files`);
  const done = `${db}.done`;
  const lock = `${db}.lock`;
  const points = sizes.tasks * sizes.series * sizes.iterations + (sizes.iterations >= 100_000 ? LONG_SERIES_POINTS : 0);
  const result = { db, files, sizes, points };
  mkdirSync(DATA_DIR, { recursive: true });
  for (;;) {
    if (existsSync(done)) return result;
    if (existsSync(lock)) {
      const pid = Number(readFileSync(lock, 'utf8'));
      if (pid !== process.pid && alive(pid)) {
        sleep(5000);
        continue;
      }
    }
    writeFileSync(lock, String(process.pid));
    try {
      build(result);
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

function build({ db, files, sizes, points }: LargeDatabase): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  rmSync(files, { recursive: true, force: true });
  mkdirSync(files, { recursive: true });
  console.log(
    `Building ${db}: ${sizes.tasks} tasks x ${sizes.series} series x ${sizes.iterations.toLocaleString('en-US')} iterations` +
      `${sizes.iterations >= 100_000 ? ' + one 1,000,000-point series' : ''} (${points.toLocaleString('en-US')} points)`,
  );
  const { repos } = openRepositories(db);
  const start = Date.now();
  let lastDraw = 0;
  const seeded = seedDataset(
    repos,
    files,
    largeDataset({ tasks: sizes.tasks, iterations: sizes.iterations, metrics: sizes.series }),
    (p) => {
      if (Date.now() - lastDraw < 2000) return;
      lastDraw = Date.now();
      const seconds = (Date.now() - start) / 1000;
      process.stderr.write(
        `  ${p.tasksDone}/${p.tasksTotal} tasks, ${p.points.toLocaleString('en-US')} points, ` +
          `${Math.round(p.points / seconds).toLocaleString('en-US')} points/s, ${seconds.toFixed(0)} s\n`,
      );
    },
  );
  repos.db.pragma('wal_checkpoint(TRUNCATE)');
  repos.db.pragma('analysis_limit = 1000');
  repos.db.exec('ANALYZE');
  repos.db.close();
  const seconds = (Date.now() - start) / 1000;
  const bytes = statSync(db).size;
  const summary = {
    db,
    files,
    tasks: sizes.tasks,
    series: sizes.series,
    iterations: sizes.iterations,
    longSeries: sizes.iterations >= 100_000 ? LONG_SERIES_POINTS : 0,
    points: seeded.points,
    bytes,
    bytesPerPoint: Math.round((bytes / seeded.points) * 10) / 10,
    buildSeconds: Math.round(seconds),
    pointsPerSecond: Math.round(seeded.points / seconds),
    built: new Date().toISOString(),
  };
  console.log(`  built in ${seconds.toFixed(0)} s: ${seeded.points.toLocaleString('en-US')} points, ${(bytes / 1e9).toFixed(2)} GB`);
  writeFileSync(`${db}.done`, JSON.stringify(summary, null, 2) + '\n');
  if (sizes.tasks === FULL.tasks && sizes.series === FULL.series && sizes.iterations === FULL.iterations) {
    writeFileSync(join(DATA_DIR, 'READY'), JSON.stringify(summary, null, 2) + '\n');
  }
}

/**
 * A database of `count` tasks (the Benchmark project's tasks: hyperparameters, requirements,
 * diffs, tags; no scalar points) for the task table, built once under bench/.data/.
 */
export function taskTableDatabase(count = 5000): { db: string; files: string } {
  const db = join(DATA_DIR, `tasks-${count}.db`);
  const files = join(DATA_DIR, `tasks-${count}-files`);
  if (existsSync(`${db}.done`)) return { db, files };
  mkdirSync(DATA_DIR, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  console.log(`Building ${db}: ${count.toLocaleString('en-US')} tasks`);
  const { repos } = openRepositories(db);
  const start = Date.now();
  seedDataset(repos, files, largeDataset({ tasks: count, iterations: 0, metrics: 0 }));
  repos.db.pragma('wal_checkpoint(TRUNCATE)');
  repos.db.close();
  console.log(`  built in ${((Date.now() - start) / 1000).toFixed(0)} s`);
  writeFileSync(`${db}.done`, new Date().toISOString() + '\n');
  return { db, files };
}

if (require.main === module) {
  const built = largeDatabase();
  console.log(JSON.stringify(built));
}
