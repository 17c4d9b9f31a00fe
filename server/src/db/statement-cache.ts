import type { Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { Db } from './database';

/**
 * Prepared statements built from a request's shape (its sort terms, filters, fields), kept for the
 * next request of the same shape. Bounded: a client sending ever new shapes makes the least
 * recently used statements go (SQLite frees a statement once it is no longer referenced).
 */
export const STATEMENT_CACHE_SIZE = 200;

export interface StatementCache {
  get(sql: string): Statement<unknown[]>;
  readonly size: number;
}

export function statementCache(db: Db, max = STATEMENT_CACHE_SIZE): StatementCache {
  const cache = new LRUCache<string, Statement<unknown[]>>({ max });
  return {
    get(sql) {
      let prepared = cache.get(sql);
      if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
      return prepared;
    },
    get size() {
      return cache.size;
    },
  };
}
