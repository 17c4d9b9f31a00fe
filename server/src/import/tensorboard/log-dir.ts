import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

/** A run of a TensorBoard log dir: the event files of one directory, with its hparams sessions. */
export interface RunFiles {
  /** The run's name as TensorBoard shows it: its path inside the log dir (`sweep/seed-1`). */
  name: string;
  /** Event files of the run's own directory, oldest first. */
  files: string[];
  /** Event files of `add_hparams` sessions (time-stamped subfolders), oldest first. */
  hparamsFiles: string[];
}

/** PyTorch's and tensorboardX's `add_hparams` write into `<run>/<time.time()>/`. */
const HPARAMS_FOLDER = /^\d{9,}(\.\d+)?$/;

export function isEventFile(name: string): boolean {
  return name.includes('tfevents');
}

/** The runs under a log dir (nested directories as TensorBoard names them), by name. */
export function findRuns(logDir: string): RunFiles[] {
  const runs = new Map<string, RunFiles>();
  const rootName = basename(logDir);
  const runOf = (dir: string) => {
    const rel = relative(logDir, dir).split(sep).join('/');
    const name = rel === '' ? rootName : rel;
    let run = runs.get(name);
    if (!run) runs.set(name, (run = { name, files: [], hparamsFiles: [] }));
    return run;
  };
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const events = entries
      .filter((e) => e.isFile() && isEventFile(e.name))
      .map((e) => join(dir, e.name))
      .sort();
    if (events.length) {
      const parent = join(dir, '..');
      if (dir !== logDir && HPARAMS_FOLDER.test(basename(dir))) runOf(parent).hparamsFiles.push(...events);
      else runOf(dir).files.push(...events);
    }
    for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
  };
  walk(logDir);
  return [...runs.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The total size of a run's event files (for progress). */
export function runBytes(run: RunFiles): number {
  let total = 0;
  for (const file of [...run.files, ...run.hparamsFiles]) {
    try {
      total += statSync(file).size;
    } catch {
      // removed since it was listed
    }
  }
  return total;
}

/** Whether any of the run's event files was written within the last `ms`. */
export function modifiedWithin(run: RunFiles, ms: number): boolean {
  const since = Date.now() - ms;
  return [...run.files, ...run.hparamsFiles].some((file) => {
    try {
      return statSync(file).mtimeMs >= since;
    } catch {
      return false;
    }
  });
}
