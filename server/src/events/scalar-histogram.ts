import { LRUCache } from 'lru-cache';
import type { ScalarsRepository, SeriesExtent } from '../db/scalars-repository';
import { bucketize, chooseWidthExponent, storedLevelFor, ROLLUP_LEVELS } from '../db/scalar-rollups';
import { SignificantRounder } from './significant-digits';

export type HistogramKey = 'iter' | 'timestamp' | 'iso_time';

export interface SeriesHistogram {
  x: (number | string)[];
  y: number[];
  y_min: number[];
  y_max: number[];
  total: number;
}

export interface HistogramOptions {
  samples: number;
  key: HistogramKey;
  /** A window on the x axis, in the units of `key` (iterations, or epoch ms / ISO time). */
  xRange: [number, number] | null;
  /** Write `y_min`, `y_max` and `total` too (the `envelope` request flag). */
  envelope?: boolean;
}

const RAW_LIMIT = 1_000_000;

/**
 * A histogram's columns as filled in: numbers in typed arrays (off the JS heap, so a 100-series
 * answer gives the garbage collector little to copy), the first `length` entries used. `x` holds
 * ISO strings for the `iso_time` key.
 */
interface HistogramColumns {
  x: Float64Array | string[];
  y: Float64Array;
  y_min: Float64Array;
  y_max: Float64Array;
  length: number;
  total: number;
  /** A value is not finite (a bucket whose sum overflowed): written as JSON writes it, null. */
  nonFinite: boolean;
}

/**
 * At most `samples` points of one series over its iterations (or a window of them). Short series,
 * and windows holding at most `samples` points, come back exact; longer ones as buckets of 2^k
 * iterations with the mean in `y` and the envelope in `y_min` / `y_max`, read from the rollups.
 * Values have 8 significant digits (see significant-digits.ts).
 */
export function seriesHistogram(scalars: ScalarsRepository, series: SeriesExtent, options: HistogramOptions): SeriesHistogram {
  const c = histogramColumns(scalars, series, options);
  const numbers = (column: Float64Array) => Array.from(column.subarray(0, c.length));
  return {
    x: Array.isArray(c.x) ? c.x : numbers(c.x),
    y: numbers(c.y),
    y_min: numbers(c.y_min),
    y_max: numbers(c.y_max),
    total: c.total,
  };
}

function histogramColumns(scalars: ScalarsRepository, series: SeriesExtent, options: HistogramOptions): HistogramColumns {
  const out = new HistogramWriter(options.key, options.samples + 1);
  if (series.count === 0 || series.first_iter === null || series.last_iter === null) return out.finish();
  let from = series.first_iter;
  let to = series.last_iter;
  let tsWindow: [number, number] | null = null;
  if (options.xRange) {
    if (options.key === 'iter') {
      from = Math.max(from, Math.ceil(options.xRange[0]));
      to = Math.min(to, Math.floor(options.xRange[1]));
    } else {
      tsWindow = options.xRange;
      [from, to] = iterWindowForTimes(scalars, series, tsWindow);
    }
    if (from > to) return out.finish();
  }
  out.tsWindow = tsWindow;
  const span = series.last_iter - series.first_iter + 1;
  const estimate = (series.count * (to - from + 1)) / span;
  if (estimate <= options.samples * 2) {
    const raw = scalars.rawPoints(series.id, from, to, options.samples + 1);
    if (raw.length <= options.samples) {
      for (const [iter, value, ts] of raw) out.point(iter, value, ts);
      return out.finish();
    }
  }
  const k = chooseWidthExponent(from, to, options.samples);
  const level = storedLevelFor(k);
  out.factor = 2 ** (k - (level ?? 0));
  if (level === null) {
    const raw = scalars.rawPoints(series.id, from, to, RAW_LIMIT).map(([iter, value, ts]) => ({ iter, value, ts }));
    for (const b of bucketize(raw, k)) out.add(b.bucket, b.count, b.sum, b.min, b.max, b.sumIter, b.sumTs);
  } else {
    const width = 2 ** level;
    scalars.visitRollupBuckets(series, level, Math.floor(from / width), Math.floor(to / width), out.add);
  }
  return out.finish();
}

/**
 * Fills histogram columns: exact points one by one, or stored buckets merged `factor` at a time
 * (the stored level may be finer than the chosen width), each merged bucket written as one point:
 * mean iteration and time, mean value, envelope. Points outside `tsWindow` are left out.
 */
class HistogramWriter {
  tsWindow: [number, number] | null = null;
  factor = 1;
  private readonly columns: HistogramColumns;
  private readonly rounder = new SignificantRounder();
  private bucket = NaN;
  private count = 0;
  private sum = 0;
  private min = 0;
  private max = 0;
  private sumIter = 0;
  private sumTs = 0;

  constructor(
    private readonly key: HistogramKey,
    capacity: number,
  ) {
    this.columns = {
      x: key === 'iso_time' ? [] : new Float64Array(capacity),
      y: new Float64Array(capacity),
      y_min: new Float64Array(capacity),
      y_max: new Float64Array(capacity),
      length: 0,
      total: 0,
      nonFinite: false,
    };
  }

  readonly add = (bucket: number, count: number, sum: number, min: number, max: number, sumIter: number, sumTs: number): void => {
    const merged = Math.floor(bucket / this.factor);
    if (merged !== this.bucket) {
      this.flush();
      this.bucket = merged;
      this.count = count;
      this.sum = sum;
      this.min = min;
      this.max = max;
      this.sumIter = sumIter;
      this.sumTs = sumTs;
      return;
    }
    this.count += count;
    this.sum += sum;
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    this.sumIter += sumIter;
    this.sumTs += sumTs;
  };

  /** One exact point. */
  point(iter: number, value: number, ts: number): void {
    if (this.tsWindow && (ts < this.tsWindow[0] || ts > this.tsWindow[1])) return;
    const rounded = this.rounder.round(value);
    this.write(iter, ts, rounded, rounded, rounded, 1);
  }

  finish(): HistogramColumns {
    this.flush();
    return this.columns;
  }

  private flush(): void {
    const count = this.count;
    if (count === 0) return;
    this.count = 0;
    const ts = Math.round(this.sumTs / count);
    if (this.tsWindow && (ts < this.tsWindow[0] || ts > this.tsWindow[1])) return;
    const rounder = this.rounder;
    this.write(
      Math.round(this.sumIter / count),
      ts,
      rounder.round(this.sum / count),
      rounder.round(this.min),
      rounder.round(this.max),
      count,
    );
  }

  private write(iter: number, ts: number, y: number, min: number, max: number, count: number): void {
    const c = this.columns;
    const i = c.length++;
    if (Array.isArray(c.x)) c.x.push(new Date(ts).toISOString());
    else c.x[i] = this.key === 'iter' ? iter : ts;
    c.y[i] = y;
    c.y_min[i] = min;
    c.y_max[i] = max;
    if (!Number.isFinite(y) || !Number.isFinite(min) || !Number.isFinite(max)) c.nonFinite = true;
    c.total += count;
  }
}

/** Serialised histograms kept per repository (one per database), bounded by their total size. */
const CACHE_BYTES = 64 * 1024 * 1024;
const caches = new WeakMap<ScalarsRepository, LRUCache<string, Buffer>>();

/**
 * `seriesHistogram` as UTF-8 JSON members without the braces (`"x":[...],...,"total":N`), cached
 * until the series changes: charts of finished tasks are asked for again and again (page loads,
 * refreshes, several viewers), and then serialising the answer, not reading it, is the cost.
 */
export function seriesHistogramJson(scalars: ScalarsRepository, series: SeriesExtent, options: HistogramOptions): Buffer {
  let cache = caches.get(scalars);
  if (!cache) caches.set(scalars, (cache = new LRUCache<string, Buffer>({ maxSize: CACHE_BYTES, sizeCalculation: (b) => b.length || 1 })));
  const key = `${series.id}|${scalars.version(series)}|${options.samples}|${options.key}|${options.xRange?.join(',') ?? ''}|${options.envelope ? 1 : 0}`;
  let json = cache.get(key);
  if (json === undefined) {
    // The members are ASCII (numbers, and ISO times for `iso_time`): latin1 gives the same bytes as
    // UTF-8 without encoding them.
    json = Buffer.from(columnsJson(histogramColumns(scalars, series, options), options.envelope ?? false), 'latin1');
    // An answer larger than the whole cache is not kept.
    if (json.length < CACHE_BYTES) cache.set(key, json);
  }
  return json;
}

/**
 * The columns as JSON members without the braces. Numbers are written by the typed arrays' `join`,
 * which prints each finite value as JSON does; with a value that is not finite, JSON's own way.
 */
function columnsJson(c: HistogramColumns, envelope: boolean): string {
  const numbers = (column: Float64Array) =>
    c.nonFinite ? JSON.stringify(Array.from(column.subarray(0, c.length))) : `[${column.subarray(0, c.length).join(',')}]`;
  const x = Array.isArray(c.x) ? JSON.stringify(c.x) : numbers(c.x);
  if (!envelope) return `"x":${x},"y":${numbers(c.y)}`;
  return `"x":${x},"y":${numbers(c.y)},"y_min":${numbers(c.y_min)},"y_max":${numbers(c.y_max)},"total":${c.total}`;
}

/**
 * The iterations whose timestamps may fall in a time window, found on a coarse rollup level
 * (timestamps grow with iterations in practice; a one-bucket margin covers the edges).
 */
function iterWindowForTimes(scalars: ScalarsRepository, series: SeriesExtent, [tFrom, tTo]: [number, number]): [number, number] {
  const first = series.first_iter!;
  const last = series.last_iter!;
  const k = chooseWidthExponent(first, last, 1024);
  const level = storedLevelFor(k) ?? ROLLUP_LEVELS[0];
  const width = 2 ** level;
  const buckets = scalars.rollupBuckets(series, level, Math.floor(first / width), Math.floor(last / width));
  let from = Infinity;
  let to = -Infinity;
  for (const b of buckets) {
    const ts = b.sumTs / b.count;
    if (ts >= tFrom - 0 && ts <= tTo) {
      from = Math.min(from, (b.bucket - 1) * width);
      to = Math.max(to, (b.bucket + 2) * width - 1);
    }
  }
  if (from === Infinity) {
    // No bucket's mean time lies inside: the window may sit within one bucket.
    for (const b of buckets) {
      from = Math.min(from, b.bucket * width);
      to = Math.max(to, (b.bucket + 1) * width - 1);
      if (b.sumTs / b.count > tTo) break;
    }
  }
  return [Math.max(first, from), Math.min(last, to)];
}
