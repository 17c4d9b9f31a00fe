import { LRUCache } from 'lru-cache';
import type { Db } from './database';
import { nameHash } from '../ids';
import {
  appendToChunk,
  bucketize,
  chunkOf,
  decodeChunk,
  encodeChunk,
  ROLLUP_LEVELS,
  visitChunk,
  type Bucket,
  type BucketVisitor,
  type RawPoint,
} from './scalar-rollups';
import { PointColumns, rollupColumns } from './scalar-columns';

export interface ScalarPoint extends RawPoint {
  task: string;
  metric: string;
  variant: string;
}

/** The stored statistics of one series: what `last_metrics` shows. */
export interface SeriesRow {
  id: number;
  task: string;
  metric: string;
  variant: string;
  metric_hash: string;
  variant_hash: string;
  count: number;
  sum: number;
  value: number | null;
  first_value: number | null;
  first_iter: number | null;
  last_iter: number | null;
  min_value: number | null;
  min_iter: number | null;
  max_value: number | null;
  max_iter: number | null;
  first_ts: number | null;
  last_ts: number | null;
  x_axis_label: string | null;
  /** The last `rollup_pending` points (by iteration) are not in the rollups yet. */
  rollup_pending: number;
}

/** What reading a series' points takes: its id, extent, and what tells whether it changed. */
export type SeriesExtent = Pick<SeriesRow, 'id' | 'count' | 'sum' | 'first_iter' | 'last_iter' | 'rollup_pending'>;

/** A series as a chart reads it. */
export type ChartSeries = SeriesExtent & Pick<SeriesRow, 'task' | 'metric' | 'variant' | 'x_axis_label'>;

/** The statistics of a series that `last_metrics` reports. */
export type SeriesSummary = Pick<
  SeriesRow,
  | 'task'
  | 'metric'
  | 'variant'
  | 'metric_hash'
  | 'variant_hash'
  | 'count'
  | 'sum'
  | 'value'
  | 'first_value'
  | 'min_value'
  | 'min_iter'
  | 'max_value'
  | 'max_iter'
  | 'x_axis_label'
>;

/**
 * Points a series may hold outside its rollups. Small appends (an SDK batch carries a few dozen
 * iterations per series) only insert raw rows; once this many gather they are rolled up together,
 * so a rollup tail chunk is rewritten once per ROLLUP_LAG points instead of once per batch.
 * Readers bucket the pending points themselves (one short range read per series).
 */
export const ROLLUP_LAG = 512;

/** Rows one multi-row INSERT of a bulk append writes. */
const INSERT_ROWS = 128;

export type ScalarsRepository = ReturnType<typeof createScalarsRepository>;

export function createScalarsRepository(db: Db) {
  const findSeries = db.prepare('SELECT * FROM scalar_series WHERE task = ? AND metric = ? AND variant = ?');
  const insertSeries = db.prepare('INSERT INTO scalar_series (task, metric, variant, metric_hash, variant_hash) VALUES (?, ?, ?, ?, ?)');
  const updateSeries = db.prepare(`UPDATE scalar_series SET count = @count, sum = @sum, value = @value,
    first_value = @first_value, first_iter = @first_iter, last_iter = @last_iter, min_value = @min_value,
    min_iter = @min_iter, max_value = @max_value, max_iter = @max_iter, first_ts = @first_ts, last_ts = @last_ts,
    rollup_pending = @rollup_pending WHERE id = @id`);
  const insertPoint = db.prepare('INSERT INTO scalars (series, iter, value, ts) VALUES (?, ?, ?, ?)');
  const insertPoints = db.prepare(
    `INSERT INTO scalars (series, iter, value, ts) VALUES ${Array.from({ length: INSERT_ROWS }, () => '(?, ?, ?, ?)').join(', ')}`,
  );
  const upsertPoint = db.prepare('INSERT OR REPLACE INTO scalars (series, iter, value, ts) VALUES (?, ?, ?, ?)');
  const readChunk = db.prepare('SELECT buckets FROM scalar_rollups WHERE series = ? AND level = ? AND chunk = ?').pluck();
  // An upsert rewrites a chunk in its row (REPLACE would delete it and add a new row at the end).
  const writeChunk = db.prepare(`INSERT INTO scalar_rollups (series, level, chunk, buckets) VALUES (?, ?, ?, ?)
    ON CONFLICT (series, level, chunk) DO UPDATE SET buckets = excluded.buckets`);
  const deleteRollups = db.prepare('DELETE FROM scalar_rollups WHERE series = ?');
  const rawPointsAfter = db.prepare('SELECT iter, value, ts FROM scalars WHERE series = ? AND iter > ? ORDER BY iter LIMIT ?');
  const lastPoints = db.prepare('SELECT iter, value, ts FROM scalars WHERE series = ? ORDER BY iter DESC LIMIT ?');
  const pendingOf = db.prepare('SELECT rollup_pending FROM scalar_series WHERE id = ?').pluck();

  const seriesAggregate = db.prepare(`SELECT count(*) AS count, total(value) AS sum, min(iter) AS first_iter,
    max(iter) AS last_iter FROM scalars WHERE series = ?`);
  const pointAt = db.prepare('SELECT value, ts FROM scalars WHERE series = ? AND iter = ?');
  const minPoint = db.prepare('SELECT iter, value FROM scalars WHERE series = ? ORDER BY value ASC, iter ASC LIMIT 1');
  const maxPoint = db.prepare('SELECT iter, value FROM scalars WHERE series = ? ORDER BY value DESC, iter ASC LIMIT 1');
  const seriesOfTask = db.prepare('SELECT * FROM scalar_series WHERE task = ? AND count > 0 ORDER BY metric, variant');
  const summariesOfTasks = db
    .prepare(
      `SELECT task, metric, variant, metric_hash, variant_hash, count, sum, value, first_value,
    min_value, min_iter, max_value, max_iter, x_axis_label FROM scalar_series
    WHERE task IN (SELECT value FROM json_each(?)) AND count > 0 ORDER BY task, metric, variant`,
    )
    .raw(true);
  const chartSeriesOfTasks = db
    .prepare(
      `SELECT id, task, metric, variant, count, sum, first_iter, last_iter, rollup_pending,
    x_axis_label FROM scalar_series WHERE task IN (SELECT value FROM json_each(?)) AND count > 0 ORDER BY task, metric, variant`,
    )
    .raw(true);
  const variantsOfTask = db.prepare('SELECT metric, variant FROM scalar_series WHERE task = ? AND count > 0 ORDER BY metric, variant');
  const pointsInRange = db
    .prepare('SELECT iter, value, ts FROM scalars WHERE series = ? AND iter BETWEEN ? AND ? ORDER BY iter LIMIT ?')
    .raw(true);
  const chunksInRange = db
    .prepare('SELECT chunk, buckets FROM scalar_rollups WHERE series = ? AND level = ? AND chunk BETWEEN ? AND ? ORDER BY chunk')
    .raw(true);
  const seriesOfAnyCount = db.prepare('SELECT * FROM scalar_series WHERE task = ? ORDER BY id');
  const renameSeries = db.prepare('UPDATE scalar_series SET task = ? WHERE id = ?');
  const deleteSeriesRow = db.prepare('DELETE FROM scalar_series WHERE id = ?');
  const deleteSeriesPoints = db.prepare('DELETE FROM scalars WHERE series = ?');
  const deleteTaskSeries = db.prepare('DELETE FROM scalar_series WHERE task = ?');
  const deleteTaskPoints = db.prepare('DELETE FROM scalars WHERE series IN (SELECT id FROM scalar_series WHERE task = ?)');
  const deleteTaskRollups = db.prepare('DELETE FROM scalar_rollups WHERE series IN (SELECT id FROM scalar_series WHERE task = ?)');

  function seriesFor(task: string, metric: string, variant: string): SeriesRow {
    const found = findSeries.get(task, metric, variant) as SeriesRow | undefined;
    if (found) return found;
    insertSeries.run(task, metric, variant, nameHash(metric), nameHash(variant));
    return findSeries.get(task, metric, variant) as SeriesRow;
  }

  function appendRollups(seriesId: number, points: readonly RawPoint[]): void {
    for (const level of ROLLUP_LEVELS) {
      const buckets = bucketize(points, level);
      let i = 0;
      let first = true;
      while (i < buckets.length) {
        const chunk = chunkOf(buckets[i].bucket);
        let j = i;
        while (j < buckets.length && chunkOf(buckets[j].bucket) === chunk) j++;
        const added = buckets.slice(i, j);
        // Only the first chunk touched by an append can already exist.
        const blob = first ? (readChunk.get(seriesId, level, chunk) as Buffer | undefined) : undefined;
        const merged = blob ? appendToChunk(decodeChunk(blob, chunk), added) : added;
        writeChunk.run(seriesId, level, chunk, encodeChunk(merged, chunk));
        first = false;
        i = j;
      }
    }
  }

  /** Rolls up the series' pending points (the last `rollup_pending` ones). */
  function flushPending(series: SeriesRow): void {
    if (series.rollup_pending <= 0) return;
    const pending = (lastPoints.all(series.id, series.rollup_pending) as RawPoint[]).reverse();
    appendRollups(series.id, pending);
    series.rollup_pending = 0;
  }

  function rebuildSeries(series: SeriesRow): void {
    series.rollup_pending = 0;
    deleteRollups.run(series.id);
    // Read in blocks, each read whole before its rollups are written: a statement still iterating
    // would keep the connection busy, and writing on it then fails.
    const BLOCK = 65536;
    for (let after = -Infinity; ;) {
      const block = rawPointsAfter.all(series.id, after, BLOCK) as RawPoint[];
      if (block.length) appendRollups(series.id, block);
      if (block.length < BLOCK) break;
      after = block[block.length - 1].iter;
    }
    const agg = seriesAggregate.get(series.id) as { count: number; sum: number; first_iter: number | null; last_iter: number | null };
    series.count = agg.count;
    series.sum = agg.sum;
    series.first_iter = agg.first_iter;
    series.last_iter = agg.last_iter;
    if (agg.count === 0) return;
    const first = pointAt.get(series.id, agg.first_iter) as { value: number; ts: number };
    const last = pointAt.get(series.id, agg.last_iter) as { value: number; ts: number };
    const min = minPoint.get(series.id) as { iter: number; value: number };
    const max = maxPoint.get(series.id) as { iter: number; value: number };
    Object.assign(series, {
      first_value: first.value,
      first_ts: first.ts,
      value: last.value,
      last_ts: last.ts,
      min_value: min.value,
      min_iter: min.iter,
      max_value: max.value,
      max_iter: max.iter,
    });
  }

  function appendToSeries(series: SeriesRow, points: RawPoint[]): void {
    for (const p of points) insertPoint.run(series.id, p.iter, p.value, p.ts);
    for (const p of points) {
      if (series.count === 0) {
        series.first_value = p.value;
        series.first_iter = p.iter;
        series.first_ts = p.ts;
        series.min_value = p.value;
        series.min_iter = p.iter;
        series.max_value = p.value;
        series.max_iter = p.iter;
      } else {
        if (p.value < series.min_value!) {
          series.min_value = p.value;
          series.min_iter = p.iter;
        }
        if (p.value > series.max_value!) {
          series.max_value = p.value;
          series.max_iter = p.iter;
        }
      }
      series.count++;
      series.sum += p.value;
      series.value = p.value;
      series.last_iter = p.iter;
      series.last_ts = p.ts;
    }
    // The new points are stored already: rolling up the last `rollup_pending` points covers them too.
    series.rollup_pending += points.length;
    if (series.rollup_pending === points.length && points.length >= ROLLUP_LAG) {
      appendRollups(series.id, points);
      series.rollup_pending = 0;
    } else if (series.rollup_pending >= ROLLUP_LAG) {
      flushPending(series);
    }
  }

  /** Stores points appended after a series' last iteration: as appendToSeries, in multi-row INSERTs. */
  function appendColumns(series: SeriesRow, points: PointColumns): void {
    const n = points.length;
    const { iter, value, ts } = points;
    const pending = series.rollup_pending;
    // The points still pending before these, when these make enough to roll up: flushPending's points.
    const before = pending > 0 && pending + n >= ROLLUP_LAG ? (lastPoints.all(series.id, pending) as RawPoint[]).reverse() : [];
    const params: number[] = new Array<number>(INSERT_ROWS * 4);
    let i = 0;
    for (; i + INSERT_ROWS <= n; i += INSERT_ROWS) {
      for (let r = 0, o = 0; r < INSERT_ROWS; r++, o += 4) {
        params[o] = series.id;
        params[o + 1] = iter[i + r];
        params[o + 2] = value[i + r];
        params[o + 3] = ts[i + r];
      }
      insertPoints.run(params);
    }
    for (; i < n; i++) insertPoint.run(series.id, iter[i], value[i], ts[i]);
    let { count, sum } = series;
    let minValue = series.min_value!;
    let minIter = series.min_iter!;
    let maxValue = series.max_value!;
    let maxIter = series.max_iter!;
    for (let k = 0; k < n; k++) {
      const v = value[k];
      if (count === 0) {
        series.first_value = v;
        series.first_iter = iter[k];
        series.first_ts = ts[k];
        minValue = maxValue = v;
        minIter = maxIter = iter[k];
      } else {
        if (v < minValue) {
          minValue = v;
          minIter = iter[k];
        }
        if (v > maxValue) {
          maxValue = v;
          maxIter = iter[k];
        }
      }
      count++;
      sum += v;
    }
    Object.assign(series, {
      count,
      sum,
      min_value: minValue,
      min_iter: minIter,
      max_value: maxValue,
      max_iter: maxIter,
      value: value[n - 1],
      last_iter: iter[n - 1],
      last_ts: ts[n - 1],
    });
    series.rollup_pending += n;
    if (series.rollup_pending >= ROLLUP_LAG) {
      appendColumnRollups(series.id, before.length ? points.prependedWith(before) : points);
      series.rollup_pending = 0;
    }
  }

  /** appendRollups for points held in columns. */
  function appendColumnRollups(seriesId: number, points: PointColumns): void {
    for (const { level, chunks, blobs, first } of rollupColumns(points)) {
      for (let c = 0; c < chunks.length; c++) {
        let blob = blobs[c];
        if (!blob) {
          const stored = readChunk.get(seriesId, level, chunks[c]) as Buffer | undefined;
          blob = encodeChunk(stored ? appendToChunk(decodeChunk(stored, chunks[c]), first) : first, chunks[c]);
        }
        writeChunk.run(seriesId, level, chunks[c], blob);
      }
    }
  }

  /**
   * Each task's chart series, kept until a series is written here or another connection commits
   * (SQLite's data_version changes): a 100-task chart then reads no rows to find its series.
   */
  const chartSeries = new LRUCache<string, ChartSeries[]>({ max: 2000 });
  /**
   * Each task's series summaries (its `last_metrics`), kept the same way: 100 tasks of 200 series
   * are 20,000 rows, read in about 80 ms. At most 200,000 summaries are kept (tens of MB).
   */
  const summaries = new LRUCache<string, SeriesSummary[]>({ maxSize: 200_000, sizeCalculation: (list) => list.length || 1 });
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let cachedDataVersion: unknown = null;
  const clearCaches = () => {
    chartSeries.clear();
    summaries.clear();
  };
  /** Drops what is kept when another connection has committed since it was read. */
  const checkDataVersion = () => {
    const version = dataVersion.get();
    if (version !== cachedDataVersion) {
      clearCaches();
      cachedDataVersion = version;
    }
  };

  /** Bumped on every write to a series in this process, so results derived from it can be cached. */
  const generations = new Map<number, number>();
  let epoch = 0;
  const touch = (seriesId: number) => {
    generations.set(seriesId, (generations.get(seriesId) ?? 0) + 1);
    clearCaches();
  };

  /**
   * The buckets of a stored level in [fromBucket, toBucket]: its stored chunks, then its pending
   * points bucketed here, read in one transaction (one snapshot). The pending count is read there
   * too, not taken from a series row read earlier: a writer that rolls points up in between (this
   * process between two slices of a request, or another process on the file) would otherwise make
   * points already in a chunk count again, before the chunk's last bucket.
   */
  const visitRollupSnapshot = db.transaction(
    (seriesId: number, level: number, fromBucket: number, toBucket: number, visit: BucketVisitor): void => {
      const rows = chunksInRange.all(seriesId, level, chunkOf(fromBucket), chunkOf(toBucket)) as [number, Buffer][];
      const pendingCount = pendingOf.get(seriesId) as number | undefined;
      if (!(pendingCount && pendingCount > 0)) {
        for (const [chunk, blob] of rows) visitChunk(blob, chunk, fromBucket, toBucket, visit);
        return;
      }
      // Pending points may fall in the last stored bucket: merge them as buckets, then visit.
      const stored: Bucket[] = [];
      const keep: BucketVisitor = (bucket, count, sum, min, max, sumIter, sumTs) =>
        stored.push({ bucket, count, sum, min, max, sumIter, sumTs });
      for (const [chunk, blob] of rows) visitChunk(blob, chunk, fromBucket, toBucket, keep);
      const width = 2 ** level;
      const from = fromBucket * width;
      const to = (toBucket + 1) * width - 1;
      const pending = (lastPoints.all(seriesId, pendingCount) as RawPoint[]).reverse().filter((p) => p.iter >= from && p.iter <= to);
      for (const b of appendToChunk(stored, bucketize(pending, level))) visit(b.bucket, b.count, b.sum, b.min, b.max, b.sumIter, b.sumTs);
    },
  );

  const repository = {
    /**
     * Stores scalar points (call inside a transaction). Points appended after a series' last
     * iteration update statistics and rollups incrementally; a point at or before it (a rewrite or
     * an out-of-order report) makes the series be recomputed from its raw points.
     */
    addPoints(points: readonly ScalarPoint[]): void {
      const groups = new Map<string, ScalarPoint[]>();
      for (const p of points) {
        const key = `${p.task}\u0000${p.metric}\u0000${p.variant}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = []));
        group.push(p);
      }
      for (const group of groups.values()) {
        const { task, metric, variant } = group[0];
        repository.addSeriesPoints(task, metric, variant, group);
      }
    },

    /** Stores points of one series (call inside a transaction); see addPoints. */
    addSeriesPoints(task: string, metric: string, variant: string, points: readonly RawPoint[]): void {
      if (points.length === 0) return;
      const series = seriesFor(task, metric, variant);
      touch(series.id);
      // Sort by iteration; for a repeated iteration the last report wins.
      let sorted = true;
      for (let i = 1; i < points.length; i++) if (points[i].iter <= points[i - 1].iter) sorted = false;
      let ordered: RawPoint[];
      if (sorted) {
        ordered = points.map((p) => ({ iter: p.iter, value: p.value, ts: p.ts }));
      } else {
        const byIter = new Map<number, RawPoint>();
        for (const p of points) byIter.set(p.iter, { iter: p.iter, value: p.value, ts: p.ts });
        ordered = [...byIter.values()].sort((a, b) => a.iter - b.iter);
      }
      if (series.count === 0 || ordered[0].iter > series.last_iter!) {
        appendToSeries(series, ordered);
      } else {
        for (const p of ordered) upsertPoint.run(series.id, p.iter, p.value, p.ts);
        rebuildSeries(series);
      }
      updateSeries.run(series);
    },

    /**
     * addSeriesPoints for points held in columns (the importers' bulk path): the same rows and
     * statistics, written faster when the points are appended after the series' last iteration.
     * Call inside a transaction.
     */
    appendSeriesColumns(task: string, metric: string, variant: string, points: PointColumns): void {
      if (points.length === 0) return;
      const series = seriesFor(task, metric, variant);
      if (!points.increasing() || (series.count > 0 && points.iter[0] <= series.last_iter!)) {
        repository.addSeriesPoints(task, metric, variant, points.toPoints());
        return;
      }
      touch(series.id);
      appendColumns(series, points);
      updateSeries.run(series);
    },

    seriesOfTasks(taskIds: readonly string[]): SeriesRow[] {
      return taskIds.flatMap((task) => seriesOfTask.all(task) as SeriesRow[]);
    },

    /** Each task's series with points, as charts read them, ordered by metric and variant; one query. */
    chartSeriesOfTasks(taskIds: readonly string[]): Map<string, ChartSeries[]> {
      checkDataVersion();
      const missing = taskIds.filter((task) => !chartSeries.has(task));
      if (missing.length) {
        const read = new Map<string, ChartSeries[]>(missing.map((task) => [task, []]));
        // Rows as arrays, and only these columns: named rows of every column cost ~10 us each.
        type Raw = [number, string, string, string, number, number, number | null, number | null, number, string | null];
        for (const r of chartSeriesOfTasks.all(JSON.stringify(missing)) as Raw[]) {
          read.get(r[1])!.push({
            id: r[0],
            task: r[1],
            metric: r[2],
            variant: r[3],
            count: r[4],
            sum: r[5],
            first_iter: r[6],
            last_iter: r[7],
            rollup_pending: r[8],
            x_axis_label: r[9],
          });
        }
        for (const [task, list] of read) chartSeries.set(task, list);
      }
      return new Map(taskIds.map((task) => [task, chartSeries.get(task) ?? []]));
    },

    /**
     * Each task's series summaries (what `last_metrics` shows), those not kept read in one query.
     * The lists are shared: callers must not change them.
     */
    summariesOfTasks(taskIds: readonly string[]): Map<string, SeriesSummary[]> {
      checkDataVersion();
      const out = new Map<string, SeriesSummary[]>();
      const missing: string[] = [];
      for (const task of taskIds) {
        const kept = summaries.get(task);
        if (kept) out.set(task, kept);
        else missing.push(task);
      }
      if (!missing.length) return out;
      const read = new Map<string, SeriesSummary[]>(missing.map((task) => [task, []]));
      // Rows as arrays: objects made here, in one shape, cost half of better-sqlite3's named rows.
      type Raw = [
        string,
        string,
        string,
        string,
        string,
        number,
        number,
        number | null,
        number | null,
        number | null,
        number | null,
        number | null,
        number | null,
        string | null,
      ];
      for (const r of summariesOfTasks.all(JSON.stringify(missing)) as Raw[]) {
        const list = read.get(r[0])!;
        list.push({
          task: r[0],
          metric: r[1],
          variant: r[2],
          metric_hash: r[3],
          variant_hash: r[4],
          count: r[5],
          sum: r[6],
          value: r[7],
          first_value: r[8],
          min_value: r[9],
          min_iter: r[10],
          max_value: r[11],
          max_iter: r[12],
          x_axis_label: r[13],
        });
      }
      for (const [task, list] of read) {
        summaries.set(task, list);
        out.set(task, list);
      }
      return out;
    },

    /** The metric/variant pairs that have points in a task, ordered by name. */
    variantsOfTask(task: string): { metric: string; variant: string }[] {
      return variantsOfTask.all(task) as { metric: string; variant: string }[];
    },

    /** Up to `limit` raw points of a series in [from, to], ordered by iteration. */
    rawPoints(seriesId: number, from: number, to: number, limit: number): [number, number, number][] {
      return pointsInRange.all(seriesId, from, to, limit) as [number, number, number][];
    },

    /**
     * Visits, in order, the buckets of a stored level whose index lies in [fromBucket, toBucket]:
     * the stored chunks, then the series' pending points bucketed here.
     */
    visitRollupBuckets(series: SeriesExtent, level: number, fromBucket: number, toBucket: number, visit: BucketVisitor): void {
      visitRollupSnapshot(series.id, level, fromBucket, toBucket, visit);
    },

    /** `visitRollupBuckets` as a list. */
    rollupBuckets(series: SeriesExtent, level: number, fromBucket: number, toBucket: number): Bucket[] {
      const out: Bucket[] = [];
      repository.visitRollupBuckets(series, level, fromBucket, toBucket, (bucket, count, sum, min, max, sumIter, sumTs) =>
        out.push({ bucket, count, sum, min, max, sumIter, sumTs }),
      );
      return out;
    },

    /**
     * A key that changes whenever the series may have changed: writes through this repository, and
     * (for another process writing the same file) its count, last iteration and sum.
     */
    version(series: SeriesExtent): string {
      return `${epoch}.${generations.get(series.id) ?? 0}.${series.count}.${series.last_iter}.${series.sum}.${series.rollup_pending}`;
    },

    /**
     * Gives the series written under task id `from` (a staging id) to task `to`: a series `to` does
     * not have is handed over as it is (one row changes); one it has gets the staged points
     * appended (they follow its last iteration). Call inside a transaction.
     */
    moveSeries(from: string, to: string): void {
      for (const staged of seriesOfAnyCount.all(from) as SeriesRow[]) {
        touch(staged.id);
        if (!findSeries.get(to, staged.metric, staged.variant)) {
          renameSeries.run(to, staged.id);
          continue;
        }
        const BLOCK = 65536;
        for (let after = -Infinity; ;) {
          const block = rawPointsAfter.all(staged.id, after, BLOCK) as RawPoint[];
          if (block.length) {
            const columns = new PointColumns(block.length);
            for (const p of block) columns.push(p.iter, p.value, p.ts);
            repository.appendSeriesColumns(to, staged.metric, staged.variant, columns);
          }
          if (block.length < BLOCK) break;
          after = block[block.length - 1].iter;
        }
        deleteRollups.run(staged.id);
        deleteSeriesPoints.run(staged.id);
        deleteSeriesRow.run(staged.id);
      }
    },

    deleteTask(task: string): void {
      epoch++;
      clearCaches();
      deleteTaskRollups.run(task);
      deleteTaskPoints.run(task);
      deleteTaskSeries.run(task);
    },
  };
  return repository;
}
