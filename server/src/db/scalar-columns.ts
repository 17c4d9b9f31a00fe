import { CHUNK_BUCKETS, ROLLUP_LEVELS, type Bucket, type RawPoint } from './scalar-rollups';

/**
 * Points of one series held column by column (no object per point): what bulk writers (the
 * importers) gather and `scalars.appendSeriesColumns` stores.
 */
export class PointColumns {
  iter: Float64Array;
  value: Float64Array;
  ts: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.iter = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
    this.ts = new Float64Array(capacity);
  }

  push(iter: number, value: number, ts: number): void {
    if (this.length === this.iter.length) this.grow(this.length * 2);
    this.iter[this.length] = iter;
    this.value[this.length] = value;
    this.ts[this.length] = ts;
    this.length++;
  }

  /** Empties the columns, keeping (up to a bound) the memory for the next points. */
  clear(): void {
    this.length = 0;
    if (this.iter.length > 1 << 16) {
      this.iter = new Float64Array(1024);
      this.value = new Float64Array(1024);
      this.ts = new Float64Array(1024);
    }
  }

  /** The points as objects (the general path's input). */
  toPoints(): RawPoint[] {
    const out: RawPoint[] = new Array<RawPoint>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = { iter: this.iter[i], value: this.value[i], ts: this.ts[i] };
    return out;
  }

  /** True when iterations strictly increase (the append case). */
  increasing(): boolean {
    for (let i = 1; i < this.length; i++) if (!(this.iter[i] > this.iter[i - 1])) return false;
    return true;
  }

  /** These columns with `points` (all earlier) put first. */
  prependedWith(points: readonly RawPoint[]): PointColumns {
    const out = new PointColumns(points.length + this.length);
    for (const p of points) out.push(p.iter, p.value, p.ts);
    out.iter.set(this.iter.subarray(0, this.length), points.length);
    out.value.set(this.value.subarray(0, this.length), points.length);
    out.ts.set(this.ts.subarray(0, this.length), points.length);
    out.length = points.length + this.length;
    return out;
  }

  private grow(capacity: number): void {
    const grown = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.iter = grown(this.iter);
    this.value = grown(this.value);
    this.ts = grown(this.ts);
  }
}

const FIELDS = 7; // as scalar-rollups' chunks: offset, count, sum, min, max, sumIter, sumTs

/** The chunks one level of an append touches: `first` may merge into a stored chunk, the others are new. */
export interface LevelChunks {
  level: number;
  /** Chunk numbers, in order. */
  chunks: number[];
  /** Each chunk's encoded blob when it is new (index 0 is null: it may have to merge). */
  blobs: (Buffer | null)[];
  /** The first chunk's buckets, for a merge with the stored chunk. */
  first: Bucket[];
}

/**
 * The rollups of points sorted by iteration, level by level, as `bucketize` + `encodeChunk` make
 * them (the same additions in the same order, so the same bytes), without an object per bucket
 * except in each level's first chunk.
 */
export function rollupColumns(points: PointColumns): LevelChunks[] {
  const out: LevelChunks[] = [];
  const n = points.length;
  const { iter, value, ts } = points;
  const scratch = new Float64Array(CHUNK_BUCKETS * FIELDS);
  for (const level of ROLLUP_LEVELS) {
    const width = 2 ** level;
    const result: LevelChunks = { level, chunks: [], blobs: [], first: [] };
    let chunk = NaN;
    let used = 0; // doubles used in scratch
    let base = 0;
    const close = () => {
      if (used === 0) return;
      if (result.chunks.length === 1) {
        for (let o = 0; o < used; o += FIELDS) {
          result.first.push({
            bucket: base + scratch[o],
            count: scratch[o + 1],
            sum: scratch[o + 2],
            min: scratch[o + 3],
            max: scratch[o + 4],
            sumIter: scratch[o + 5],
            sumTs: scratch[o + 6],
          });
        }
        result.blobs.push(null);
      } else {
        const copy = new Float64Array(used);
        copy.set(scratch.subarray(0, used));
        result.blobs.push(Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength));
      }
      used = 0;
    };
    let bucket = NaN;
    let o = -FIELDS;
    for (let i = 0; i < n; i++) {
      const it = iter[i];
      const v = value[i];
      const b = Math.floor(it / width);
      if (b !== bucket) {
        bucket = b;
        const c = Math.floor(b / CHUNK_BUCKETS);
        if (c !== chunk) {
          close();
          chunk = c;
          base = c * CHUNK_BUCKETS;
          result.chunks.push(c);
        }
        o = used;
        used += FIELDS;
        scratch[o] = b - base;
        scratch[o + 1] = 0;
        scratch[o + 2] = 0;
        scratch[o + 3] = v;
        scratch[o + 4] = v;
        scratch[o + 5] = 0;
        scratch[o + 6] = 0;
      }
      scratch[o + 1]++;
      scratch[o + 2] += v;
      if (v < scratch[o + 3]) scratch[o + 3] = v;
      if (v > scratch[o + 4]) scratch[o + 4] = v;
      scratch[o + 5] += it;
      scratch[o + 6] += ts[i];
    }
    close();
    out.push(result);
  }
  return out;
}
