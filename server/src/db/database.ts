import Database from 'better-sqlite3';
import { migrations, SCHEMA_VERSION } from './migrations';
import { registerTextSearch } from './text-search';

export type Db = Database.Database;

/** Opens (creating if needed) the SQLite file, switches it to WAL and brings its schema up to date. */
export function openDatabase(path: string): { db: Db; isNew: boolean } {
  const db = new Database(path);
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -65536');
    db.pragma('busy_timeout = 5000');
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
  })();
  return current === 0;
}

/** Case-insensitive regular expression match used by the `name` filters. */
function registerFunctions(db: Db): void {
  const cache = new Map<string, RegExp>();
  db.function('regexp_i', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (typeof pattern !== 'string' || typeof value !== 'string') return 0;
    let regex = cache.get(pattern);
    if (!regex) {
      regex = new RegExp(pattern, 'i');
      if (cache.size > 100) cache.clear();
      cache.set(pattern, regex);
    }
    return regex.test(value) ? 1 : 0;
  });
}
