import {
  BUCKET_FIELDS,
  CHUNK_BUCKETS,
  ROLLUP_LEVELS,
  packChunk,
  readBuckets,
  type Bucket,
  type PackedChunk,
  type RawPoint,
} from './scalar-rollups';

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
 * them (the same arithmetic, so the same bytes), without an object per bucket except in each
 * level's first chunk.
 */
export function rollupColumns(points: PointColumns): LevelChunks[] {
  const { iter, value, ts, length } = points;
  const scratch = new Float64Array(CHUNK_BUCKETS * BUCKET_FIELDS);
  return ROLLUP_LEVELS.map((level) => {
    const result: LevelChunks = { level, chunks: [], blobs: [], first: [] };
    const at: PackedChunk = { next: 0, chunk: 0, used: 0 };
    while (at.next < length) {
      packChunk(iter, value, ts, length, level, scratch, at);
      if (result.chunks.length === 0) {
        readBuckets(scratch, at.used, at.chunk, result.first);
        result.blobs.push(null);
      } else {
        const copy = new Float64Array(at.used);
        copy.set(scratch.subarray(0, at.used));
        result.blobs.push(Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength));
      }
      result.chunks.push(at.chunk);
    }
    return result;
  });
}
