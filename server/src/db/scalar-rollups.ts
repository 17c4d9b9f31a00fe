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
const FIELDS = 7; // offset, count, sum, min, max, sumIter, sumTs

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
  const base = chunk * CHUNK_BUCKETS;
  const out: Bucket[] = [];
  for (let o = 0; o < aligned.length; o += FIELDS) {
    out.push({
      bucket: base + aligned[o],
      count: aligned[o + 1],
      sum: aligned[o + 2],
      min: aligned[o + 3],
      max: aligned[o + 4],
      sumIter: aligned[o + 5],
      sumTs: aligned[o + 6],
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
  const width = 2 ** level;
  const out: Bucket[] = [];
  let current: Bucket | null = null;
  for (const p of points) {
    const bucket = Math.floor(p.iter / width);
    if (!current || current.bucket !== bucket) {
      current = { bucket, count: 0, sum: 0, min: p.value, max: p.value, sumIter: 0, sumTs: 0 };
      out.push(current);
    }
    addPoint(current, p);
  }
  return out;
}

function addPoint(b: Bucket, p: RawPoint): void {
  b.count++;
  b.sum += p.value;
  if (p.value < b.min) b.min = p.value;
  if (p.value > b.max) b.max = p.value;
  b.sumIter += p.iter;
  b.sumTs += p.ts;
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
