import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface BackupResult {
  bytes: number;
  pages: number;
  ms: number;
  /** Times SQLite restarted the copy because another connection wrote between steps. */
  restarts: number;
}

/**
 * An online, consistent copy of the SQLite file at `source` into `target`, safe while a server
 * writes to it from another process (SQLite's backup API). After a first small step the rest is
 * copied in one step, which reads one snapshot: in WAL mode that read does not block writers. The
 * copy is written beside `target` and renamed into place, so `target` is never a partial file.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  const started = performance.now();
  const db = new Database(source, { fileMustExist: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  let restarts = 0;
  let lastRemaining = Infinity;
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(partial, {
      progress({ totalPages: total, remainingPages }) {
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        return Math.max(total, 1);
      },
    });
    const copy = new Database(partial);
    try {
      const integrity = copy.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`The copy fails PRAGMA integrity_check: ${integrity}`);
      copy.pragma('journal_mode = DELETE'); // one self-contained file
    } finally {
      copy.close();
    }
    renameSync(partial, target);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return { bytes: totalPages * pageSize, pages: totalPages, ms: Math.round(performance.now() - started), restarts };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}
