import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32c } from './crc32c';

/** TFRecord framing: u64 length, u32 masked CRC32C of the length, the data, u32 masked CRC32C of the data. */
const HEADER = 12;
const FOOTER = 4;
const MASK_DELTA = 0xa282ead8;
/** Bytes read from the file at a time (records longer than this are read whole). */
const CHUNK = 4 << 20;
/** A length past this is taken as a corrupt header rather than a record to allocate. */
const MAX_RECORD = 1 << 30;

/** TensorFlow's masked CRC32C (tensorflow/core/lib/hash/crc32c.h: Mask). */
export function maskedCrc32c(data: Uint8Array, start = 0, end = data.length): number {
  const crc = crc32c(data, start, end);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** Receives one record: its data is `buf[start, end)` (valid only during the call). */
export type RecordVisitor = (buf: Buffer, start: number, end: number) => void;

export interface RecordIssue {
  file: string;
  offset: number;
  problem: string;
}

/**
 * Reads the records of one TFRecord file from `offset` on, streaming (CHUNK bytes at a time).
 * A record whose data fails its CRC is skipped and reported; a length that fails its CRC ends the
 * file (what follows cannot be framed) and is reported. An incomplete record at the end is left
 * for a later read (`offset` stays at its start): `reportTail()` reports it as truncated.
 */
export class TfRecordReader {
  readonly issues: RecordIssue[] = [];
  /** Where the next read starts: the end of the last complete record. */
  offset: number;
  /** Bytes of an incomplete record after `offset` at the end of the last read. */
  tailBytes = 0;
  /** Set once the framing broke: nothing after `offset` can be read. */
  broken = false;

  constructor(
    readonly path: string,
    offset = 0,
  ) {
    this.offset = offset;
  }

  /** The complete records from `offset` to the file's current end; each buffer is the record's own. */
  records(): Buffer[] {
    const out: Buffer[] = [];
    this.scan((buf, start, end) => out.push(Buffer.from(buf.subarray(start, end))));
    return out;
  }

  /**
   * Visits the complete records from `offset` to the file's current end, in order, without a
   * buffer per record (`offset` moves past each record before it is visited).
   */
  scan(visit: RecordVisitor): void {
    if (this.broken) return;
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      let buf = Buffer.alloc(0);
      let pos = 0;
      let fileAt = this.offset;
      /** Makes `n` bytes available at `pos`; false at the end of the file. */
      const need = (n: number): boolean => {
        if (buf.length - pos >= n) return true;
        const rest = buf.length - pos;
        const want = Math.min(Math.max(n, CHUNK), rest + (size - fileAt));
        if (want < n) return false;
        const next = Buffer.allocUnsafe(want);
        buf.copy(next, 0, pos);
        let filled = rest;
        while (filled < want) {
          const read = readSync(fd, next, filled, want - filled, fileAt);
          if (read === 0) break;
          filled += read;
          fileAt += read;
        }
        buf = filled === want ? next : next.subarray(0, filled);
        pos = 0;
        return buf.length >= n;
      };
      this.tailBytes = 0;
      while (this.offset < size) {
        if (!need(HEADER)) {
          this.tailBytes = size - this.offset;
          return;
        }
        const lengthCrc = buf.readUInt32LE(pos + 8);
        if (maskedCrc32c(buf, pos, pos + 8) !== lengthCrc) {
          this.report(this.offset, 'record length fails its CRC; the rest of the file is skipped');
          this.broken = true;
          return;
        }
        const length = buf.readUInt32LE(pos) + buf.readUInt32LE(pos + 4) * 2 ** 32;
        if (length > MAX_RECORD) {
          this.report(this.offset, `record length ${length} is implausible; the rest of the file is skipped`);
          this.broken = true;
          return;
        }
        if (!need(HEADER + length + FOOTER)) {
          this.tailBytes = size - this.offset;
          return;
        }
        const start = pos + HEADER;
        const end = start + length;
        const dataCrc = buf.readUInt32LE(end);
        const at = this.offset;
        pos = end + FOOTER;
        this.offset += HEADER + length + FOOTER;
        if (maskedCrc32c(buf, start, end) !== dataCrc) {
          this.report(at, 'record data fails its CRC; the record is skipped');
          continue;
        }
        visit(buf, start, end);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Reports an incomplete record left at the end of the last read (a writer killed mid-write). */
  reportTail(): void {
    if (this.tailBytes > 0) this.report(this.offset, `truncated record (${this.tailBytes} bytes at the end of the file); skipped`);
  }

  private report(offset: number, problem: string): void {
    this.issues.push({ file: this.path, offset, problem });
  }
}
