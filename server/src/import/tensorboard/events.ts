import { join } from 'node:path';
import protobuf from 'protobufjs';

/** What one summary value of an event file becomes. */
export type TbItem =
  | { kind: 'scalar'; tag: string; step: number; wallTime: number; value: number }
  | { kind: 'image'; tag: string; step: number; wallTime: number; bytes: Uint8Array; index: number; count: number }
  | { kind: 'audio'; tag: string; step: number; wallTime: number; bytes: Uint8Array; contentType: string; index: number; count: number }
  | { kind: 'histogram'; tag: string; step: number; wallTime: number; buckets: HistogramBucket[] }
  | { kind: 'text'; tag: string; step: number; wallTime: number; text: string }
  | { kind: 'hparams'; wallTime: number; hparams: Record<string, string | number | boolean> }
  | { kind: 'hparams-metrics'; tags: string[] }
  | { kind: 'skipped'; tag: string; reason: string };

export interface HistogramBucket {
  left: number;
  right: number;
  count: number;
}

const root = protobuf.loadSync(join(__dirname, 'tensorboard.proto'));
const EventType = root.lookupType('tensorboard.Event');
const HParamsType = root.lookupType('tensorboard.HParamsPluginData');

/* Decoded shapes (protobufjs leaves unset repeated fields empty and unset messages null). */
interface TensorMsg {
  dtype: number;
  tensorShape?: { dim: { size: number | Long }[] } | null;
  tensorContent: Uint8Array;
  halfVal: number[];
  floatVal: number[];
  doubleVal: number[];
  intVal: number[];
  stringVal: Uint8Array[];
  int64Val: (number | Long)[];
  boolVal: boolean[];
}
interface Long {
  toNumber(): number;
}
interface ValueMsg {
  tag: string;
  metadata?: { pluginData?: { pluginName: string; content: Uint8Array } | null } | null;
  simpleValue?: number;
  image?: { encodedImageString: Uint8Array } | null;
  histo?: { bucketLimit: number[]; bucket: number[]; min: number; max: number } | null;
  audio?: { encodedAudioString: Uint8Array; contentType: string } | null;
  tensor?: TensorMsg | null;
  value?: string;
}
interface EventMsg {
  wallTime: number;
  step: number | Long;
  summary?: { value: ValueMsg[] } | null;
}

const num = (x: number | Long | null | undefined): number => (x === null || x === undefined ? 0 : typeof x === 'number' ? x : x.toNumber());

/** DataType numbers of tensorflow/core/framework/types.proto. */
const DT = { FLOAT: 1, DOUBLE: 2, INT32: 3, UINT8: 4, INT16: 5, INT8: 6, STRING: 7, INT64: 9, BOOL: 10, HALF: 19 };

/** Receives one `simple_value` scalar of an event. */
export type ScalarVisitor = (tag: string, step: number, wallTime: number, value: number) => void;

/** Decodes one event record into the items it carries. */
export function decodeEvent(data: Uint8Array): TbItem[] {
  const scalars: TbItem[] = [];
  const visit: ScalarVisitor = (tag, step, wallTime, value) => scalars.push({ kind: 'scalar', tag, step, wallTime, value });
  return decodeScalarEvent(data, visit) ? scalars : decodeAnyEvent(data);
}

/* The fast path's read position and scratch (one decode at a time, no allocation per record). */
let at = 0;
const scratch = new DataView(new ArrayBuffer(8));
const valueStarts: number[] = [];
const valueEnds: number[] = [];
const values: number[] = [];

function varint32(b: Uint8Array): number {
  let x = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = b[at++];
    x += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return x;
  }
  return NaN;
}

/** A varint int64 as a number (two's complement for negatives, as protobufjs's Long.toNumber). */
function varint64(b: Uint8Array): number {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 10; i++) {
    const byte = b[at++];
    if (i < 4) lo |= (byte & 0x7f) << (7 * i);
    else if (i === 4) {
      lo |= (byte & 0x0f) << 28;
      hi |= (byte & 0x7f) >> 4;
    } else hi |= (byte & 0x7f) << (7 * i - 32);
    if (byte < 0x80) return (hi | 0) * 4294967296 + (lo >>> 0);
  }
  return NaN;
}

function uint32At(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** Tags already seen, by a hash of their bytes: a repeated tag is not decoded again. */
const tags = new Map<number, { bytes: Uint8Array; tag: string }[]>();

function tagOf(b: Uint8Array, start: number, end: number): string {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
  let list = tags.get(h);
  if (list) {
    outer: for (const entry of list) {
      if (entry.bytes.length !== end - start) continue;
      for (let i = 0; i < entry.bytes.length; i++) if (entry.bytes[i] !== b[start + i]) continue outer;
      return entry.tag;
    }
  } else if (tags.size < 100_000) tags.set(h, (list = []));
  const tag = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
  list?.push({ bytes: Uint8Array.from(b.subarray(start, end)), tag });
  return tag;
}

/**
 * The common case read byte by byte, no message objects: an event whose summary holds only
 * `simple_value` scalars (one per add_scalar call), each given to `visit`. Anything else in it
 * answers false before visiting anything: decode it whole then. Reads `data[start, end)`.
 */
export function decodeScalarEvent(data: Uint8Array, visit: ScalarVisitor, start = 0, end = data.length): boolean {
  let wallTime = 0;
  let step = 0;
  let summaryStart = -1;
  let summaryEnd = -1;
  at = start;
  while (at < end) {
    const key = data[at++];
    if (key === ((1 << 3) | 1)) {
      if (at + 8 > end) return false;
      scratch.setUint32(0, uint32At(data, at), true);
      scratch.setUint32(4, uint32At(data, at + 4), true);
      wallTime = scratch.getFloat64(0, true);
      at += 8;
    } else if (key === ((2 << 3) | 0)) step = varint64(data);
    else if (key === ((5 << 3) | 2)) {
      const length = varint32(data);
      summaryStart = at;
      summaryEnd = at + length;
      at = summaryEnd;
    } else return false;
  }
  if (summaryStart < 0 || at !== end || !Number.isFinite(step)) return false;
  // Checked whole before the first visit, so a fallback never repeats a scalar.
  let count = 0;
  at = summaryStart;
  while (at < summaryEnd) {
    if (data[at++] !== ((1 << 3) | 2)) return false;
    const valueEnd = varint32(data) + at;
    if (!(valueEnd <= summaryEnd)) return false;
    let tagStart = -1;
    let tagEnd = -1;
    let value: number | null = null;
    while (at < valueEnd) {
      const key = data[at++];
      if (key === ((1 << 3) | 2)) {
        const length = varint32(data);
        tagStart = at;
        tagEnd = at += length;
      } else if (key === ((2 << 3) | 5)) {
        scratch.setUint32(0, uint32At(data, at), true);
        value = scratch.getFloat32(0, true);
        at += 4;
      } else if (key === ((7 << 3) | 2)) at += varint32(data);
      else return false;
    }
    if (value === null || at !== valueEnd) return false;
    valueStarts[count] = tagStart;
    valueEnds[count] = tagEnd;
    values[count++] = value;
  }
  if (at !== summaryEnd) return false;
  for (let i = 0; i < count; i++) visit(valueStarts[i] < 0 ? '' : tagOf(data, valueStarts[i], valueEnds[i]), step, wallTime, values[i]);
  return true;
}

function decodeAnyEvent(data: Uint8Array): TbItem[] {
  const event = EventType.decode(data) as unknown as EventMsg;
  if (!event.summary) return [];
  const step = num(event.step);
  const wallTime = event.wallTime;
  const out: TbItem[] = [];
  for (const v of event.summary.value) decodeValue(v, step, wallTime, out);
  return out;
}

function decodeValue(v: ValueMsg, step: number, wallTime: number, out: TbItem[]): void {
  const tag = v.tag;
  const plugin = v.metadata?.pluginData?.pluginName ?? '';
  switch (v.value) {
    case 'simpleValue':
      out.push({ kind: 'scalar', tag, step, wallTime, value: v.simpleValue! });
      return;
    case 'image':
      out.push({ kind: 'image', tag, step, wallTime, bytes: v.image!.encodedImageString, index: 0, count: 1 });
      return;
    case 'audio':
      out.push({
        kind: 'audio',
        tag,
        step,
        wallTime,
        bytes: v.audio!.encodedAudioString,
        contentType: v.audio!.contentType,
        index: 0,
        count: 1,
      });
      return;
    case 'histo':
      out.push({ kind: 'histogram', tag, step, wallTime, buckets: histoBuckets(v.histo!) });
      return;
    case 'tensor':
      decodeTensorValue(v, plugin, step, wallTime, out);
      return;
    default:
      if (plugin === 'hparams') decodeHParams(v, wallTime, out);
      else out.push({ kind: 'skipped', tag, reason: plugin ? `${plugin} summaries are not imported` : 'summary without a value' });
  }
}

function decodeTensorValue(v: ValueMsg, plugin: string, step: number, wallTime: number, out: TbItem[]): void {
  const t = v.tensor!;
  const tag = v.tag;
  const shape = (t.tensorShape?.dim ?? []).map((d) => num(d.size));
  if (plugin === 'hparams') return decodeHParams(v, wallTime, out);
  if (plugin === 'scalars' || (plugin === '' && shape.length === 0 && t.dtype !== DT.STRING)) {
    const values = numbers(t);
    if (values.length === 1) out.push({ kind: 'scalar', tag, step, wallTime, value: values[0] });
    else out.push({ kind: 'skipped', tag, reason: 'scalar tensor without exactly one value' });
    return;
  }
  if (plugin === 'text') {
    const text = t.stringVal.map((s) => Buffer.from(s).toString('utf8')).join('\n');
    out.push({ kind: 'text', tag, step, wallTime, text });
    return;
  }
  if (plugin === 'histograms') {
    // TF2: a [k, 3] tensor of (left edge, right edge, count) (older writers: [k, 2] without counts is not used).
    const values = numbers(t);
    const buckets: HistogramBucket[] = [];
    for (let i = 0; i + 2 < values.length; i += 3) buckets.push({ left: values[i], right: values[i + 1], count: values[i + 2] });
    out.push({ kind: 'histogram', tag, step, wallTime, buckets });
    return;
  }
  if (plugin === 'images') {
    // TF2: a string vector [width, height, image, image, ...].
    const images = t.stringVal.slice(2);
    images.forEach((bytes, index) => out.push({ kind: 'image', tag, step, wallTime, bytes, index, count: images.length }));
    return;
  }
  if (plugin === 'audio') {
    // TF2: a string tensor [k, 2] of (encoded audio, label), or [k] of encoded audio.
    const stride = shape.length === 2 ? shape[1] : 1;
    const clips = t.stringVal.filter((_, i) => i % stride === 0);
    clips.forEach((bytes, index) =>
      out.push({ kind: 'audio', tag, step, wallTime, bytes, contentType: 'audio/wav', index, count: clips.length }),
    );
    return;
  }
  out.push({
    kind: 'skipped',
    tag,
    reason: plugin ? `${plugin} summaries are not imported` : 'tensor summaries without a plugin are not imported',
  });
}

/** The numbers of a numeric tensor, from its typed fields or its packed little-endian content. */
export function numbers(t: TensorMsg): number[] {
  if (t.floatVal.length) return t.floatVal;
  if (t.doubleVal.length) return t.doubleVal;
  if (t.intVal.length) return t.intVal;
  if (t.int64Val.length) return t.int64Val.map(num);
  if (t.halfVal.length) return t.halfVal.map(halfToNumber);
  if (t.boolVal.length) return t.boolVal.map(Number);
  const c = t.tensorContent;
  if (!c?.length) return [];
  const view = new DataView(c.buffer, c.byteOffset, c.byteLength);
  const out: number[] = [];
  const read: Record<number, [number, (o: number) => number]> = {
    [DT.FLOAT]: [4, (o) => view.getFloat32(o, true)],
    [DT.DOUBLE]: [8, (o) => view.getFloat64(o, true)],
    [DT.INT32]: [4, (o) => view.getInt32(o, true)],
    [DT.INT64]: [8, (o) => Number(view.getBigInt64(o, true))],
    [DT.INT16]: [2, (o) => view.getInt16(o, true)],
    [DT.INT8]: [1, (o) => view.getInt8(o)],
    [DT.UINT8]: [1, (o) => view.getUint8(o)],
    [DT.BOOL]: [1, (o) => view.getUint8(o)],
    [DT.HALF]: [2, (o) => halfToNumber(view.getUint16(o, true))],
  };
  const reader = read[t.dtype];
  if (!reader) return [];
  for (let o = 0; o + reader[0] <= c.byteLength; o += reader[0]) out.push(reader[1](o));
  return out;
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** HistogramProto buckets: bucket i spans (bucket_limit[i - 1], bucket_limit[i]], the first from `min`. */
function histoBuckets(h: NonNullable<ValueMsg['histo']>): HistogramBucket[] {
  const out: HistogramBucket[] = [];
  let left = h.min;
  h.bucketLimit.forEach((limit, i) => {
    const right = Math.min(limit, h.max);
    if (h.bucket[i]) out.push({ left, right: right < left ? left : right, count: h.bucket[i] });
    left = limit;
  });
  return out;
}

interface HParamsMsg {
  experiment?: { metricInfos: { name?: { group: string; tag: string } | null }[] } | null;
  sessionStartInfo?: {
    hparams: Record<string, { kind?: string; numberValue?: number; stringValue?: string; boolValue?: boolean }>;
    startTimeSecs: number;
  } | null;
}

function decodeHParams(v: ValueMsg, wallTime: number, out: TbItem[]): void {
  const content = v.metadata?.pluginData?.content;
  if (!content?.length) return;
  const data = HParamsType.decode(content) as unknown as HParamsMsg;
  if (data.sessionStartInfo) {
    const hparams: Record<string, string | number | boolean> = {};
    for (const [name, value] of Object.entries(data.sessionStartInfo.hparams)) {
      if (value.kind === 'numberValue') hparams[name] = value.numberValue!;
      else if (value.kind === 'boolValue') hparams[name] = value.boolValue!;
      else if (value.kind === 'stringValue') hparams[name] = value.stringValue!;
    }
    out.push({ kind: 'hparams', wallTime: data.sessionStartInfo.startTimeSecs || wallTime, hparams });
  }
  if (data.experiment) {
    const tags = data.experiment.metricInfos.map((m) => m.name?.tag ?? '').filter(Boolean);
    out.push({ kind: 'hparams-metrics', tags });
  }
}
