import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * The demo database is seeded once and copied for every server the e2e tests start, instead of each
 * server seeding its own at start (two for the projects, one per spec that starts its own; seeding
 * is the slowest part of a start). The template is written by `npm run seed`, which writes the same
 * data set as a first `npm start` (seedDemo), and kept in the temporary folder under a hash of the
 * server's sources: a change to the seed, the schema or any other server file seeds a new one.
 */
const READY = 'ready';
const DAY_MS = 24 * 3600_000;

function sourcesHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(join(root, 'server/src'));
  return hash.digest('hex').slice(0, 16);
}

/** The template's folder (compare.db and files/), seeded first when there is none for these sources. */
export function demoTemplate(root = process.cwd()): string {
  const dir = join(tmpdir(), `compare-e2e-demo-${sourcesHash(root)}`);
  if (existsSync(join(dir, READY))) {
    utimesSync(dir, new Date(), new Date());
    return dir;
  }
  // Templates of other sources, unused for a day, are removed.
  for (const name of readdirSync(tmpdir())) {
    const old = join(tmpdir(), name);
    if (name.startsWith('compare-e2e-demo-') && old !== dir && Date.now() - statSync(old).mtimeMs > DAY_MS) {
      rmSync(old, { recursive: true, force: true });
    }
  }
  // Seeded aside and renamed into place: runs started together never see half a template.
  const work = mkdtempSync(join(tmpdir(), 'compare-e2e-seeding-'));
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/seed/cli.ts', '--db', join(work, 'compare.db'), '--files', join(work, 'files')],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  writeFileSync(join(work, READY), '');
  try {
    renameSync(work, dir);
  } catch {
    // Another run put its template there first: the same data.
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

/** Copies the template's database and files into `dataDir` (a server's --db DIR/compare.db --files DIR/files). */
export function copyDemo(template: string, dataDir: string): void {
  cpSync(join(template, 'compare.db'), join(dataDir, 'compare.db'));
  cpSync(join(template, 'files'), join(dataDir, 'files'), { recursive: true });
}
