/**
 * Multi-resolution rollups of a scalar series.
 *
 * Level L groups iterations into buckets of width 2^L (bucket = floor(iter / 2^L)) and keeps, per
 * bucket, the count, sum, min, max and the sums of iterations and timestamps (for the mean x).
 * Levels are even (2, 4, ... 30): a query picks the finest width 2^k that gives at most `samples`
 * buckets, reads stored level L = k or k - 1, and merges pairs when needed (the histogram's writer). Buckets are packed
 * into chunks of CHUNK_BUCKETS consecutive buckets; a chunk is one BLOB holding only its non-empty
 * buckets, so a histogram reads a few rows per series instead of thousands.
 */
export const ROLLUP_LEVELS: readonly number[] = Array.from({ length: 15 }, (_, i) => 2 * (i + 1));
export const CHUNK_BUCKETS = 256;
/** Doubles per bucket in a chunk: its offset in the chunk, count, sum, min, max, sumIter, sumTs. */
export const BUCKET_FIELDS = 7;
const FIELDS = BUCKET_FIELDS;

export interface Bucket {
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  sumIter: number;
  sumTs: number;
}

export interface RawPoint {
  iter: number;
  value: number;
  ts: number;
}

export function encodeChunk(buckets: readonly Bucket[], chunk: number): Buffer {
  const array = new Float64Array(buckets.length * FIELDS);
  const base = chunk * CHUNK_BUCKETS;
  buckets.forEach((b, i) => {
    const o = i * FIELDS;
    array[o] = b.bucket - base;
    array[o + 1] = b.count;
    array[o + 2] = b.sum;
    array[o + 3] = b.min;
    array[o + 4] = b.max;
    array[o + 5] = b.sumIter;
    array[o + 6] = b.sumTs;
  });
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

export function decodeChunk(blob: Buffer, chunk: number): Bucket[] {
  const aligned = new Float64Array(blob.byteLength / 8);
  new Uint8Array(aligned.buffer).set(blob);
  return readBuckets(aligned, aligned.length, chunk, []);
}

/** Appends to `out` the buckets of one chunk held in `fields[0, used)` (as a chunk's BLOB holds them). */
export function readBuckets(fields: Float64Array, used: number, chunk: number, out: Bucket[]): Bucket[] {
  const base = chunk * CHUNK_BUCKETS;
  for (let o = 0; o < used; o += FIELDS) {
    out.push({
      bucket: base + fields[o],
      count: fields[o + 1],
      sum: fields[o + 2],
      min: fields[o + 3],
      max: fields[o + 4],
      sumIter: fields[o + 5],
      sumTs: fields[o + 6],
    });
  }
  return out;
}

/** Receives one stored bucket's fields (a callback instead of an object per bucket: a 100-task chart reads ~150,000). */
export type BucketVisitor = (bucket: number, count: number, sum: number, min: number, max: number, sumIter: number, sumTs: number) => void;

/** Visits the buckets of one chunk whose index lies in [fromBucket, toBucket], in order. */
export function visitChunk(blob: Buffer, chunk: number, fromBucket: number, toBucket: number, visit: BucketVisitor): void {
  // SQLite's BLOBs usually arrive 8-byte aligned and are read in place; otherwise copied once.
  const fields =
    blob.byteOffset % 8 === 0
      ? new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / 8)
      : new Float64Array(Uint8Array.from(blob).buffer);
  const base = chunk * CHUNK_BUCKETS;
  for (let o = 0; o < fields.length; o += FIELDS) {
    const bucket = base + fields[o];
    if (bucket < fromBucket || bucket > toBucket) continue;
    visit(bucket, fields[o + 1], fields[o + 2], fields[o + 3], fields[o + 4], fields[o + 5], fields[o + 6]);
  }
}

/** Groups points sorted by iteration into buckets of width 2^level. */
export function bucketize(points: readonly RawPoint[], level: number): Bucket[] {
  const n = points.length;
  if (bucketizeColumns.iter.length < n) {
    const capacity = 2 ** Math.ceil(Math.log2(n));
    bucketizeColumns = { iter: new Float64Array(capacity), value: new Float64Array(capacity), ts: new Float64Array(capacity) };
  }
  const { iter, value, ts } = bucketizeColumns;
  for (let i = 0; i < n; i++) {
    iter[i] = points[i].iter;
    value[i] = points[i].value;
    ts[i] = points[i].ts;
  }
  const out: Bucket[] = [];
  const at: PackedChunk = { next: 0, chunk: 0, used: 0 };
  while (at.next < n) {
    packChunk(iter, value, ts, n, level, bucketizeScratch, at);
    readBuckets(bucketizeScratch, at.used, at.chunk, out);
  }
  if (iter.length > 1 << 16) bucketizeColumns = { iter: new Float64Array(0), value: new Float64Array(0), ts: new Float64Array(0) };
  return out;
}

// bucketize's buffers, reused from call to call (it runs to completion: nothing else uses them meanwhile).
let bucketizeColumns = { iter: new Float64Array(1024), value: new Float64Array(1024), ts: new Float64Array(1024) };
const bucketizeScratch = new Float64Array(CHUNK_BUCKETS * FIELDS);

/** What packChunk packed: the chunk, the doubles of its buckets in the scratch, the next point to pack. */
export interface PackedChunk {
  chunk: number;
  used: number;
  next: number;
}

/**
 * The bucket arithmetic of every rollup writer, on points held column by column (no object per
 * point or bucket: the bulk importers' path). From point `at.next` on, groups points sorted by
 * iteration into buckets of width 2^level until the chunk of the first one ends, and packs these
 * buckets into `scratch` (CHUNK_BUCKETS * BUCKET_FIELDS doubles) as a chunk's BLOB holds them;
 * `at` then tells the chunk, the doubles written and the point to go on from.
 */
export function packChunk(
  iter: Float64Array,
  value: Float64Array,
  ts: Float64Array,
  n: number,
  level: number,
  scratch: Float64Array,
  at: PackedChunk,
): void {
  const width = 2 ** level;
  const chunk = Math.floor(Math.floor(iter[at.next] / width) / CHUNK_BUCKETS);
  const base = chunk * CHUNK_BUCKETS;
  let used = 0; // doubles used in scratch
  let bucket = NaN;
  let o = -FIELDS;
  let i = at.next;
  for (; i < n; i++) {
    const it = iter[i];
    const v = value[i];
    const b = Math.floor(it / width);
    if (b !== bucket) {
      // A full scratch within one chunk only happens to unsorted points: their buckets are handed over as they come.
      if (used > 0 && (Math.floor(b / CHUNK_BUCKETS) !== chunk || used === scratch.length)) break;
      bucket = b;
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
  at.chunk = chunk;
  at.used = used;
  at.next = i;
}

function combine(into: Bucket, b: Bucket): void {
  into.count += b.count;
  into.sum += b.sum;
  if (b.min < into.min) into.min = b.min;
  if (b.max > into.max) into.max = b.max;
  into.sumIter += b.sumIter;
  into.sumTs += b.sumTs;
}

/**
 * Merges newly appended buckets (all at or after the existing ones) into an existing chunk.
 * Returns the chunk's buckets, sorted.
 */
export function appendToChunk(existing: Bucket[], added: readonly Bucket[]): Bucket[] {
  const out = existing;
  for (const b of added) {
    const last = out[out.length - 1];
    if (last && last.bucket === b.bucket) combine(last, b);
    else if (last && last.bucket > b.bucket) throw new Error('rollup buckets must be appended in order');
    else out.push({ ...b });
  }
  return out;
}

export function chunkOf(bucket: number): number {
  return Math.floor(bucket / CHUNK_BUCKETS);
}

/** Chooses the bucket width 2^k giving at most `samples` buckets over [from, to]. */
export function chooseWidthExponent(from: number, to: number, samples: number): number {
  let k = 0;
  while (Math.floor(to / 2 ** k) - Math.floor(from / 2 ** k) + 1 > samples) k++;
  return k;
}

/** The stored level to read for a width exponent k (the finest stored level not wider than 2^k). */
export function storedLevelFor(k: number): number | null {
  let chosen: number | null = null;
  for (const level of ROLLUP_LEVELS) if (level <= k) chosen = level;
  return chosen;
}
