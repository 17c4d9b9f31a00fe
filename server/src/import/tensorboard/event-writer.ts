import { join } from 'node:path';
import protobuf from 'protobufjs';
import { maskedCrc32c } from './tfrecord';

/**
 * Encodes events as TensorBoard's writers frame them (TFRecord records of `Event` messages):
 * what the tests append to a run while it is watched and what the import benchmark generates.
 */
const root = protobuf.loadSync(join(__dirname, 'tensorboard.proto'));
const EventType = root.lookupType('tensorboard.Event');

/** One TFRecord record holding `data`. */
export function tfRecord(data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length + 4);
  out.writeBigUInt64LE(BigInt(data.length), 0);
  out.writeUInt32LE(maskedCrc32c(out.subarray(0, 8)), 8);
  out.set(data, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}

/** The first record of every event file. */
export function fileVersionRecord(wallTime: number): Buffer {
  return tfRecord(EventType.encode(EventType.create({ wallTime, step: 0, fileVersion: 'brain.Event:2' })).finish());
}

/** A record of one event with `simple_value` scalars (tag → value). */
export function scalarRecord(step: number, wallTime: number, values: Record<string, number>): Buffer {
  const summary = { value: Object.entries(values).map(([tag, simpleValue]) => ({ tag, simpleValue })) };
  return tfRecord(EventType.encode(EventType.create({ wallTime, step, summary })).finish());
}
