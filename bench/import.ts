/**
 * node --import tsx bench/import.ts   (or: npm run bench -- import)
 *
 * TensorBoard import speed: writes a run of BENCH_IMPORT_MB MB (default 200; one event per scalar,
 * as PyTorch's and tensorboardX's add_scalar write them, bench/lib/tfevents.ts) under
 * bench/.data/import, imports it into a fresh database as `npm run import -- tensorboard` does,
 * and prints scalar points per second and the peak resident memory (the read streams: it stays
 * bounded whatever the file's size). BENCH_IMPORT_MB=1024 is the 1 GB run.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openRepositories } from '../server/src/db/repositories';
import { TensorBoardLogDir } from '../server/src/import/tensorboard/log-dir-import';
import { ImportSummary } from '../server/src/import/writer';
import { DATA_DIR } from './lib/data';
import { result } from './lib/result';
import { writeLargeEventFile } from './lib/tfevents';

const MB = Number(process.env['BENCH_IMPORT_MB'] ?? 200);
const dir = join(DATA_DIR, 'import');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
try {
  const generated = Date.now();
  const { path, points } = writeLargeEventFile(join(dir, 'logs', 'run'), MB * 1e6);
  const bytes = statSync(path).size;
  console.log(
    `Generated ${(bytes / 1e6).toFixed(0)} MB, ${points.toLocaleString('en-US')} scalar points in ${((Date.now() - generated) / 1000).toFixed(1)} s`,
  );

  const { repos } = openRepositories(join(dir, 'import.db'));
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const summary = new ImportSummary();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  new TensorBoardLogDir({ repos, filesDir: join(dir, 'files') }, join(dir, 'logs')).pass(summary, {
    watching: false,
    onProgress: () => (peakRss = Math.max(peakRss, process.memoryUsage().rss)),
  });
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
  result(`import: TensorBoard scalars (${(bytes / 1e6).toFixed(0)} MB event file)`, points / seconds, 'points/s', 500_000, 'min');
  result('import: peak resident memory', peakRss / 1e6, 'MB', 1024);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
