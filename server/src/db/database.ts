import Database from 'better-sqlite3';
import { migrations, SCHEMA_VERSION } from './migrations';
import { registerTextSearch } from './text-search';
import { clientPattern, type ClientPattern } from './name-pattern';

export type Db = Database.Database;

/**
 * How hard an acknowledged write is kept. `full` (SQLite synchronous=FULL): every commit is synced
 * to disk before it is answered, so a power loss or OS crash loses nothing that was acknowledged.
 * `normal` (synchronous=NORMAL in WAL mode): a killed server loses nothing either, but a power loss
 * may drop the last commits before the next checkpoint.
 */
export type Durability = 'full' | 'normal';
export const DURABILITIES: readonly Durability[] = ['full', 'normal'];
export const DEFAULT_DURABILITY: Durability = 'full';

/**
 * How long a write waits for another connection's write (another server process on the same file,
 * a backup) before it fails. Writes start their transactions IMMEDIATE, so they wait here instead
 * of failing at once with "database is locked" when a read snapshot turns out stale.
 */
export const BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating if needed) the SQLite file, switches it to WAL and brings its schema up to date. */
export function openDatabase(path: string, durability: Durability = DEFAULT_DURABILITY): { db: Db; isNew: boolean } {
  if (!DURABILITIES.includes(durability)) throw new Error(`durability must be one of ${DURABILITIES.join(', ')}, got ${durability}`);
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -65536');
    const isNew = migrate(db);
    registerFunctions(db);
    registerTextSearch(db);
    return { db, isNew };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies missing migrations; returns true when the database was empty. */
function migrate(db: Db): boolean {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The database has schema version ${current}, newer than this server understands (${SCHEMA_VERSION}). ` +
        'Upgrade the server, or point it at another database file.',
    );
  }
  if (current === SCHEMA_VERSION) return false;
  if (current > 0) {
    // Some upgrades rewrite a large table (a 10 GB file takes about a minute and a half here).
    process.stderr.write(`Upgrading the database from schema version ${current} to ${SCHEMA_VERSION}...\n`);
  }
  db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(migrations[version]);
    db.prepare('DELETE FROM schema_version').run();
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
  }).immediate();
  return current === 0;
}

/**
 * `regexp_i(pattern, value)`: the case-insensitive match of the `name` filters, on RE2 (see
 * name-pattern.ts; callers check the pattern with `clientPattern` first, so a refused one answers
 * 400 before SQLite runs).
 */
function registerFunctions(db: Db): void {
  let last: ClientPattern | null = null;
  db.function('regexp_i', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (typeof pattern !== 'string' || typeof value !== 'string') return 0;
    // One query calls this once per row with the same pattern.
    if (last?.source !== pattern) last = clientPattern('name', pattern);
    return last.test(value) ? 1 : 0;
  });
}
