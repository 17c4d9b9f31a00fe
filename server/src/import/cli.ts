/**
 * npm run import -- tensorboard LOG_DIR [--project NAME] [--db FILE] [--files DIR] [--watch] [--interval S]
 * npm run import -- mlflow MLRUNS_DIR   [--project NAME] [--db FILE] [--files DIR] [--watch] [--interval S]
 *
 * Writes through the server's repositories into its database (a run lands whole: see
 * RunStaging; the server's own writes go on meanwhile), so a server running on the same file
 * shows the runs without a restart. Importing again updates the
 * same tasks and adds appended steps; --watch keeps importing while runs are written.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openRepositories } from '../db/repositories';
import { MlflowStore } from './mlflow/store-import';
import { TensorBoardLogDir } from './tensorboard/log-dir-import';
import { ImportSummary, type ImportTarget } from './writer';

/** A source that imports what appeared since its previous pass. */
export interface Importer {
  readonly projectName: string;
  pass(summary: ImportSummary, options: { watching: boolean; onProgress?: (p: Progress) => void }): number;
  completeIdle(idleMs: number): void;
}

interface Progress {
  runsDone: number;
  runs: number;
  bytesDone: number;
  bytes: number;
}

const USAGE = `usage: npm run import -- tensorboard|mlflow DIR [--project NAME] [--db FILE] [--files DIR] [--watch] [--interval SECONDS]`;

function progressBar(start: number, summary: ImportSummary) {
  let lastDraw = 0;
  return (p: Progress) => {
    const now = Date.now();
    if (now - lastDraw < 200 && p.runsDone < p.runs) return;
    lastDraw = now;
    const width = 30;
    const share = p.bytes > 0 ? p.bytesDone / p.bytes : p.runsDone / Math.max(1, p.runs);
    const filled = Math.min(width, Math.round(share * width));
    const seconds = (now - start) / 1000;
    const rate = Math.round(summary.points / Math.max(seconds, 0.001));
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.runsDone}/${p.runs} runs, ` +
        `${(p.bytesDone / 1e6).toFixed(1)}/${(p.bytes / 1e6).toFixed(1)} MB, ${summary.points.toLocaleString('en-US')} points, ` +
        `${rate.toLocaleString('en-US')} points/s `,
    );
  };
}

export function makeImporter(kind: string, target: ImportTarget, dir: string, project?: string): Importer {
  if (kind === 'tensorboard') return new TensorBoardLogDir(target, dir, project);
  if (kind === 'mlflow') return new MlflowStore(target, dir, project);
  throw new Error(`unknown source '${kind}': tensorboard or mlflow`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string', default: process.env.COMPARE_DB ?? 'data/compare.db' },
      files: { type: 'string', default: process.env.COMPARE_FILES ?? 'data/files' },
      project: { type: 'string' },
      watch: { type: 'boolean', default: false },
      interval: { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
  });
  const [kind, dir] = positionals;
  if (values.help || !kind || !dir || positionals.length > 2 || !['tensorboard', 'mlflow'].includes(kind)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`${dir} is not a directory`);
    return 2;
  }
  const interval = Number(values.interval);
  if (!(interval > 0)) {
    console.error(`--interval must be a positive number of seconds, got ${values.interval}`);
    return 2;
  }
  const dbPath = resolve(values.db!);
  const filesDir = resolve(values.files!);
  mkdirSync(dirname(dbPath), { recursive: true });
  mkdirSync(filesDir, { recursive: true });
  const { repos } = openRepositories(dbPath);
  const importer = makeImporter(kind, { repos, filesDir }, dir, values.project);
  const start = Date.now();
  const summary = new ImportSummary();
  const showProgress = process.stderr.isTTY || !values.watch;
  importer.pass(summary, { watching: values.watch!, onProgress: showProgress ? progressBar(start, summary) : undefined });
  if (showProgress) process.stderr.write('\n');
  const seconds = (Date.now() - start) / 1000;
  console.log(
    `Imported ${dir} into project "${importer.projectName}" of ${dbPath} in ${seconds.toFixed(1)} s ` +
      `(${Math.round(summary.points / Math.max(seconds, 0.001)).toLocaleString('en-US')} points/s)`,
  );
  for (const line of summary.lines()) console.log(`  ${line}`);
  if (!values.watch) {
    repos.db.close();
    return 0;
  }

  console.log(`Watching ${dir} (every ${interval} s; Ctrl-C to stop)`);
  let stopping = false;
  await new Promise<void>((done) => {
    const stop = () => {
      stopping = true;
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const tick = () => {
      if (stopping) return;
      const pass = new ImportSummary();
      try {
        const records = importer.pass(pass, { watching: true });
        if (records > 0) console.log(`  +${records} records: ${pass.lines().join('; ')}`);
        importer.completeIdle(Math.max(60_000, interval * 10_000));
      } catch (error) {
        console.error(`import pass failed: ${(error as Error).message}`);
      }
      setTimeout(tick, interval * 1000);
    };
    setTimeout(tick, interval * 1000);
  });
  importer.pass(new ImportSummary(), { watching: true });
  importer.completeIdle(0);
  repos.db.close();
  console.log('Stopped watching.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
