import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import * as crc32cLib from 'crc-32/crc32c';
import fc from 'fast-check';
import { openRepositories, type Repositories } from '../src/db/repositories';
import { PointColumns } from '../src/db/scalar-columns';
import { crc32c } from '../src/import/tensorboard/crc32c';
import { TensorBoardLogDir } from '../src/import/tensorboard/log-dir-import';
import { ImportSummary } from '../src/import/writer';
import { tempDir as newTempDir } from './helpers';
import { writeRun } from './import-runs';

const dirs: string[] = [];
const tempDir = () => {
  const dir = newTempDir('import-bulk-');
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every stored row of the scalar tables, in key order (rollup chunks as their bytes). */
function storedScalars(repos: Repositories) {
  const rows = (sql: string) => repos.db.prepare(sql).raw(true).all();
  return {
    series: rows('SELECT * FROM scalar_series ORDER BY id'),
    points: rows('SELECT series, iter, value, ts, typeof(iter), typeof(value), typeof(ts) FROM scalars ORDER BY series, iter'),
    rollups: rows('SELECT series, level, chunk, hex(buckets) FROM scalar_rollups ORDER BY series, level, chunk'),
  };
}

const point = (iter: number) => ({ iter, value: Math.sin(iter * 0.37) * 100 + (iter % 89 === 0 ? 1e6 : 0) / 7, ts: 1.7e12 + iter * 13 });

test('the bulk path stores the same rows, statistics and rollup bytes as addSeriesPoints, batch for batch', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          size: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 400, max: 3000 })),
          gap: fc.integer({ min: 1, max: 9 }),
          // Some batches go back (a rewrite) or are out of order: the general path's cases.
          back: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 500 })),
          shuffle: fc.boolean(),
          series: fc.integer({ min: 0, max: 2 }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      (batches) => {
        const bulk = openRepositories(':memory:').repos;
        const reference = openRepositories(':memory:').repos;
        const next = [0, 0, 0];
        for (const b of batches) {
          const start = Math.max(0, next[b.series] - b.back);
          const points = Array.from({ length: b.size }, (_, i) => point(start + i * b.gap));
          if (b.shuffle && points.length > 2) [points[0], points[1]] = [points[1], points[0]];
          next[b.series] = Math.max(next[b.series], start + b.size * b.gap);
          const columns = new PointColumns(4);
          for (const p of points) columns.push(p.iter, p.value, p.ts);
          const variant = `v${b.series}`;
          bulk.transaction(() => bulk.scalars.appendSeriesColumns('t', 'loss', variant, columns));
          reference.transaction(() => reference.scalars.addSeriesPoints('t', 'loss', variant, points));
        }
        assert.deepEqual(storedScalars(bulk), storedScalars(reference));
        bulk.db.close();
        reference.db.close();
      },
    ),
    { numRuns: 60 },
  );
});

test('a TensorBoard run imported through the bulk path and through addSeriesPoints stores the same rows', () => {
  const dir = tempDir();
  const logs = join(dir, 'logs');
  writeRun(join(logs, 'run'), 3000, 5);
  const stored = (pointByPoint: boolean) => {
    const { repos } = openRepositories(join(dir, `${pointByPoint}.db`));
    // Small flushes: many appends per series, some leaving points pending, some rolling them up.
    const target = { repos, filesDir: join(dir, 'files'), pointByPoint, flushPoints: 1300 };
    const summary = new ImportSummary();
    new TensorBoardLogDir(target, logs).pass(summary, { watching: false });
    // Steps appended later, as a second import finds them.
    writeRun(join(logs, 'run'), 700, 5, 3000);
    new TensorBoardLogDir(target, logs).pass(summary, { watching: false });
    rmSync(join(logs, 'run', `events.out.tfevents.${1767225600 + 3000}.test`));
    const rows = storedScalars(repos);
    repos.db.close();
    return { rows, points: summary.points };
  };
  const bulk = stored(false);
  const reference = stored(true);
  assert.equal(bulk.points, 3700 * 5);
  assert.equal(bulk.rows.points.length, 3700 * 5);
  assert.ok(bulk.rows.rollups.length > 0);
  assert.deepEqual(bulk.rows, reference.rows);
});

test('CRC32C over a range equals the crc-32 package over the same bytes', () => {
  for (let n = 0; n < 300; n++) {
    const bytes = randomBytes(n * 3);
    const start = n % 7 <= bytes.length ? n % 7 : 0;
    const end = Math.max(start, bytes.length - (n % 5));
    assert.equal(crc32c(bytes, start, end), crc32cLib.buf(bytes.subarray(start, end)) >>> 0, `length ${n * 3}`);
  }
  assert.equal(crc32c(Buffer.from('123456789')).toString(16), 'e3069283');
});
