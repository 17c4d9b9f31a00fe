import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/db/database';
import { SCHEMA_VERSION } from '../src/db/migrations';
import { tempDir } from './helpers';

test('a new database file is created in WAL mode at the current schema version, and reopened as is', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'c.db');
    const first = openDatabase(path);
    assert.equal(first.isNew, true);
    assert.equal(first.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(first.db.prepare('SELECT version FROM schema_version').pluck().get(), SCHEMA_VERSION);
    first.db.close();
    const second = openDatabase(path);
    assert.equal(second.isNew, false);
    second.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database from a newer server is refused with a clear message and left untouched', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'newer.db');
    const { db } = openDatabase(path);
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
    db.close();
    assert.throws(() => openDatabase(path), /newer than this server understands/);
    const raw = new Database(path);
    assert.equal(raw.prepare('SELECT version FROM schema_version').pluck().get(), SCHEMA_VERSION + 1);
    raw.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
