/**
 * npm run seed -- [--db FILE] [--files DIR] [--tasks N --iterations N --metrics N]
 * Without --tasks: the demo data set. With it: a large data set for benchmarks.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openRepositories } from '../db/repositories';
import { largeDataset } from './demo';
import { seedDataset, type SeedProgress } from './seed';
import { demoDataset } from './demo';

function progressBar(start: number) {
  let lastDraw = 0;
  return (p: SeedProgress) => {
    const now = Date.now();
    if (now - lastDraw < 200 && p.tasksDone < p.tasksTotal) return;
    lastDraw = now;
    const width = 30;
    const filled = Math.round((p.tasksDone / Math.max(1, p.tasksTotal)) * width);
    const seconds = (now - start) / 1000;
    const rate = Math.round(p.points / Math.max(seconds, 0.001));
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.tasksDone}/${p.tasksTotal} tasks, ` +
        `${p.points.toLocaleString('en-US')} points, ${rate.toLocaleString('en-US')} points/s, ${seconds.toFixed(0)} s `,
    );
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: process.env.COMPARE_DB ?? 'data/compare.db' },
      files: { type: 'string', default: process.env.COMPARE_FILES ?? 'data/files' },
      tasks: { type: 'string' },
      iterations: { type: 'string' },
      metrics: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const dbPath = resolve(values.db!);
  const filesDir = resolve(values.files!);
  if (existsSync(dbPath)) {
    if (!values.force) {
      console.error(`${dbPath} already exists; pass --force to replace it.`);
      process.exit(1);
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  }
  mkdirSync(dirname(dbPath), { recursive: true });
  mkdirSync(filesDir, { recursive: true });
  const { repos } = openRepositories(dbPath);
  const start = Date.now();
  const large = values.tasks !== undefined;
  const projects = large
    ? largeDataset({
        tasks: Number(values.tasks),
        iterations: Number(values.iterations ?? 100_000),
        metrics: Number(values.metrics ?? 20),
      })
    : demoDataset();
  const result = seedDataset(repos, filesDir, projects, large ? progressBar(start) : undefined);
  if (large) process.stderr.write('\n');
  repos.db.pragma('wal_checkpoint(TRUNCATE)');
  repos.db.close();
  console.log(
    `Seeded ${result.tasksDone} tasks, ${result.points.toLocaleString('en-US')} scalar points into ${dbPath} ` +
      `in ${((Date.now() - start) / 1000).toFixed(1)} s`,
  );
}

main();
