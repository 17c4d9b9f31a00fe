/**
 * node --import tsx bench/import.ts   (or: npm run bench -- import)
 *
 * TensorBoard import speed: writes a log dir of BENCH_IMPORT_MB MB (default 200) in
 * BENCH_IMPORT_RUNS runs (default 1; one event per scalar, as PyTorch's and tensorboardX's
 * add_scalar write them, bench/lib/tfevents.ts) under bench/.data/import (removed at the end),
 * imports it into a fresh database as `npm run import -- tensorboard` does, and prints scalar
 * points per second (wall, and per CPU second of the import) and the peak resident memory (the
 * read streams: it stays bounded whatever the log dir's size).
 * BENCH_IMPORT_MB=1024 BENCH_IMPORT_RUNS=4 is the 1 GB log dir.
 *
 * MLflow import speed, the same way: an MLflow file store with one run of BENCH_IMPORT_MLFLOW_MB
 * MB of metric files (default 200; lines of `timestamp value step`, bench/lib/mlruns.ts) imported
 * as `npm run import -- mlflow` does. BENCH_IMPORT_SOURCES=tensorboard or =mlflow runs one of the two.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openRepositories, type Repositories } from '../server/src/db/repositories';
import { MlflowStore } from '../server/src/import/mlflow/store-import';
import { TensorBoardLogDir } from '../server/src/import/tensorboard/log-dir-import';
import { ImportSummary } from '../server/src/import/writer';
import { DATA_DIR } from './lib/data';
import { result } from './lib/result';
import { writeLargeMlflowStore } from './lib/mlruns';
import { writeLargeEventFile } from './lib/tfevents';

const MB = Number(process.env['BENCH_IMPORT_MB'] ?? 200);
const RUNS = Math.max(1, Number(process.env['BENCH_IMPORT_RUNS'] ?? 1));
const MLFLOW_MB = Number(process.env['BENCH_IMPORT_MLFLOW_MB'] ?? 200);
const SOURCES = (process.env['BENCH_IMPORT_SOURCES'] ?? 'tensorboard,mlflow').split(',');
const dir = join(DATA_DIR, 'import');

function benchTensorBoard(): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const generated = Date.now();
    let bytes = 0;
    let points = 0;
    for (let run = 0; run < RUNS; run++) {
      const written = writeLargeEventFile(join(dir, 'logs', RUNS > 1 ? `run-${run}` : 'run'), (MB * 1e6) / RUNS);
      bytes += statSync(written.path).size;
      points += written.points;
    }
    console.log(
      `Generated ${(bytes / 1e6).toFixed(0)} MB in ${RUNS} run(s), ${points.toLocaleString('en-US')} scalar points in ${((Date.now() - generated) / 1000).toFixed(1)} s`,
    );

    const { seconds, cpuSeconds, peakRss } = timedImport(points, bytes, (repos, summary, onProgress) =>
      new TensorBoardLogDir({ repos, filesDir: join(dir, 'files') }, join(dir, 'logs')).pass(summary, { watching: false, onProgress }),
    );
    const size = `${(bytes / 1e6).toFixed(0)} MB ${RUNS > 1 ? `log dir, ${RUNS} runs` : 'event file'}`;
    result(`import: TensorBoard scalars (${size})`, points / seconds, 'points/s', 500_000, 'min');
    result(`import: TensorBoard scalars per CPU second (${size})`, points / cpuSeconds, 'points/s', 500_000, 'min');
    result(`import: peak resident memory (${size})`, peakRss / 1e6, 'MB', 1024);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchMlflow(): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const generated = Date.now();
    const root = join(dir, 'mlruns');
    const { points, bytes } = writeLargeMlflowStore(root, MLFLOW_MB * 1e6);
    console.log(
      `Generated an MLflow store of ${(bytes / 1e6).toFixed(0)} MB of metric files, ${points.toLocaleString('en-US')} points in ${((Date.now() - generated) / 1000).toFixed(1)} s`,
    );
    const { seconds, cpuSeconds, peakRss } = timedImport(points, bytes, (repos, summary, onProgress) =>
      new MlflowStore({ repos, filesDir: join(dir, 'files') }, root).pass(summary, { onProgress }),
    );
    const size = `${(bytes / 1e6).toFixed(0)} MB of metric files`;
    result(`import: MLflow metrics (${size})`, points / seconds, 'points/s', 500_000, 'min');
    result(`import: MLflow metrics per CPU second (${size})`, points / cpuSeconds, 'points/s', 500_000, 'min');
    result(`import: MLflow peak resident memory (${size})`, peakRss / 1e6, 'MB', 1024);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs one import into a fresh database under `dir` and measures it: wall and CPU seconds, and the
 * peak resident memory (sampled, and at each progress report: a synchronous import starves the timer).
 */
function timedImport(
  points: number,
  bytes: number,
  importer: (repos: Repositories, summary: ImportSummary, onProgress: () => void) => void,
): { seconds: number; cpuSeconds: number; peakRss: number } {
  const { repos } = openRepositories(join(dir, 'import.db'));
  let peakRss = process.memoryUsage().rss;
  const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  const sample = setInterval(sampleRss, 100);
  const summary = new ImportSummary();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  importer(repos, summary, sampleRss);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sample);
  repos.db.close();
  if (summary.points !== points) throw new Error(`imported ${summary.points} points of ${points}`);
  console.log(
    `Imported in ${seconds.toFixed(1)} s (${(bytes / 1e6 / seconds).toFixed(1)} MB/s), load average ${loadavg()[0].toFixed(1)}; ` +
      `${cpuSeconds.toFixed(1)} s of CPU: ${Math.round(points / cpuSeconds).toLocaleString('en-US')} points per CPU second (the rate on an idle core)`,
  );
  return { seconds, cpuSeconds, peakRss };
}

if (SOURCES.includes('tensorboard')) benchTensorBoard();
if (SOURCES.includes('mlflow')) benchMlflow();
