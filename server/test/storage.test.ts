import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/db/database';
import { openRepositories } from '../src/db/repositories';
import { SCHEMA_VERSION, migrations } from '../src/db/migrations';
import { tempDir } from './helpers';

test('a new database file is created in WAL mode at the current schema version, and reopened as is', (t) => {
  const dir = tempDir();
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const path = join(dir, 'c.db');
  const first = openDatabase(path);
  assert.equal(first.isNew, true);
  assert.equal(first.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(first.db.prepare('SELECT version FROM schema_version').pluck().get(), SCHEMA_VERSION);
  first.db.close();
  const second = openDatabase(path);
  assert.equal(second.isNew, false);
  second.db.close();
});

test('a database from a newer server is refused with a clear message and left untouched', (t) => {
  const dir = tempDir();
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const path = join(dir, 'newer.db');
  const { db } = openDatabase(path);
  db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
  db.close();
  assert.throws(() => openDatabase(path), /newer than this server understands/);
  const raw = new Database(path);
  assert.equal(raw.prepare('SELECT version FROM schema_version').pluck().get(), SCHEMA_VERSION + 1);
  raw.close();
});

test('migration 3: an older file gets task_light filled in, and the triggers keep it equal to the tasks without their long texts', (t) => {
  const dir = tempDir();
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const path = join(dir, 'v2.db');
  const old = new Database(path);
  old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (2);');
  for (const sql of migrations.slice(0, 2)) old.exec(sql);
  const insert = `INSERT INTO tasks (id, name, type, status, created, last_update, last_change, script, container, runtime)
    VALUES (?, 'n', 'training', 'created', 'x', 'x', 'x', ?, ?, '{"gpus":"2"}')`;
  old
    .prepare(insert)
    .run(
      'a',
      JSON.stringify({ branch: 'main', diff: 'long', requirements: { pip: 'numpy' } }),
      JSON.stringify({ image: 'py', setup_shell_script: 'apt' }),
    );
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
});

test('migration 4: rollup chunks move to a rowid table with every chunk kept, and new chunks are written and rewritten there', (t) => {
  const dir = tempDir();
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const path = join(dir, 'v3.db');
  const old = new Database(path);
  old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (3);');
  for (const sql of migrations.slice(0, 3)) old.exec(sql);
  const put = old.prepare('INSERT INTO scalar_rollups (series, level, chunk, buckets) VALUES (?, ?, ?, ?)');
  // Series ids above those the repository gives below, so its new series starts empty.
  for (const [series, level, chunk] of [
    [92, 4, 1],
    [91, 2, 0],
    [91, 2, 1],
    [92, 4, 0],
  ])
    put.run(series, level, chunk, Buffer.from([series, level, chunk]));
  old.close();

  const { db } = openDatabase(path);
  const sql = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'scalar_rollups'`).pluck().get() as string;
  assert.doesNotMatch(sql, /WITHOUT ROWID/i);
  const rows = () => db.prepare('SELECT series, level, chunk, hex(buckets) AS hex FROM scalar_rollups ORDER BY series, level, chunk').all();
  assert.deepEqual(rows(), [
    { series: 91, level: 2, chunk: 0, hex: '5B0200' },
    { series: 91, level: 2, chunk: 1, hex: '5B0201' },
    { series: 92, level: 4, chunk: 0, hex: '5C0400' },
    { series: 92, level: 4, chunk: 1, hex: '5C0401' },
  ]);
  db.close();

  // Through the repository: points rolled up into the migrated table, then appended to.
  const { repos } = openRepositories(path);
  const points = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => ({
      task: 't',
      metric: 'm',
      variant: 'v',
      iter: from + i,
      value: from + i,
      ts: 1000 + i,
    }));
  repos.scalars.addPoints(points(0, 3000));
  repos.scalars.addPoints(points(3000, 6000));
  const series = repos.scalars.seriesOfTasks(['t'])[0];
  const buckets = repos.scalars.rollupBuckets(series, 10, 0, 5);
  assert.deepEqual(
    buckets.map((b) => b.count),
    [1024, 1024, 1024, 1024, 1024, 880],
  );
  assert.equal(buckets[5].max, 5999);
  repos.db.close();
});

test('durability: full syncs every commit (synchronous=FULL) by default, normal is NORMAL, anything else is refused', (t) => {
  const dir = tempDir();
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const byDefault = openDatabase(join(dir, 'default.db'));
  assert.equal(byDefault.db.pragma('synchronous', { simple: true }), 2);
  byDefault.db.close();
  const normal = openDatabase(join(dir, 'normal.db'), 'normal');
  assert.equal(normal.db.pragma('synchronous', { simple: true }), 1);
  normal.db.close();
  const full = openRepositories(join(dir, 'full.db'), 'full').repos;
  assert.equal(full.db.pragma('synchronous', { simple: true }), 2);
  full.db.close();
  assert.throws(() => openDatabase(join(dir, 'bad.db'), 'off' as never), /durability must be one of full, normal, got off/);
});
