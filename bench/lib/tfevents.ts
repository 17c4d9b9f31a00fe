import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileVersionRecord, scalarRecord } from '../../server/src/import/tensorboard/event-writer';

/**
 * Writes a TensorBoard run of about `bytes` bytes: one event per scalar, as PyTorch's and
 * tensorboardX's add_scalar write them, `tags` tags per step (loss/train, loss/val, metric_2, ...).
 * Streams: a few MB are held at a time. Returns the number of scalar points written.
 */
export function writeLargeEventFile(runDir: string, bytes: number, tags = 8): { path: string; points: number } {
  mkdirSync(runDir, { recursive: true });
  const path = join(runDir, 'events.out.tfevents.1767225600.bench');
  const fd = openSync(path, 'w');
  const names = Array.from({ length: tags }, (_, i) => (i === 0 ? 'loss/train' : i === 1 ? 'loss/val' : `metrics/m${i}`));
  let written = 0;
  let points = 0;
  try {
    const first = fileVersionRecord(1767225600);
    writeSync(fd, first);
    written += first.length;
    let block: Buffer[] = [];
    let blockBytes = 0;
    for (let step = 0; written < bytes; step++) {
      const wall = 1767225600 + step * 0.05;
      for (let t = 0; t < tags; t++) {
        const record = scalarRecord(step, wall, { [names[t]]: Math.exp(-step / 1e6) + 0.01 * Math.sin(step + t) });
        block.push(record);
        blockBytes += record.length;
        points++;
      }
      if (blockBytes >= 4 << 20) {
        writeSync(fd, Buffer.concat(block));
        written += blockBytes;
        block = [];
        blockBytes = 0;
      }
    }
    if (block.length) writeSync(fd, Buffer.concat(block));
  } finally {
    closeSync(fd);
  }
  return { path, points };
}
