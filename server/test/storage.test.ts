import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/db/database';
import { SCHEMA_VERSION, migrations } from '../src/db/migrations';
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

test('migration 3: an older file gets task_light filled in, and the triggers keep it equal to the tasks without their long texts', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'v2.db');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (2);');
    for (const sql of migrations.slice(0, 2)) old.exec(sql);
    const insert = `INSERT INTO tasks (id, name, type, status, created, last_update, last_change, script, container, runtime)
      VALUES (?, 'n', 'training', 'created', 'x', 'x', 'x', ?, ?, '{"gpus":"2"}')`;
    old.prepare(insert).run('a', JSON.stringify({ branch: 'main', diff: 'long', requirements: { pip: 'numpy' } }), JSON.stringify({ image: 'py', setup_shell_script: 'apt' }));
    old.close();

    const { db } = openDatabase(path);
    const light = (id: string) => db.prepare('SELECT script, container, runtime FROM task_light WHERE id = ?').get(id);
    assert.deepEqual(light('a'), { script: '{"branch":"main"}', container: '{"image":"py"}', runtime: '{"gpus":"2"}' });
    db.prepare(insert).run('b', '{"diff":"d","tag":"v1"}', '{}');
    assert.deepEqual(light('b'), { script: '{"tag":"v1"}', container: '{}', runtime: '{"gpus":"2"}' });
    db.prepare(`UPDATE tasks SET script = '{"branch":"dev","requirements":{}}', runtime = '{}' WHERE id = 'a'`).run();
    assert.deepEqual(light('a'), { script: '{"branch":"dev"}', container: '{"image":"py"}', runtime: '{}' });
    db.prepare(`DELETE FROM tasks WHERE id = 'b'`).run();
    assert.equal(light('b'), undefined);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
