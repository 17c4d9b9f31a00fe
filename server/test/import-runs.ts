import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileVersionRecord, scalarRecord } from '../src/import/tensorboard/event-writer';

/**
 * Writes an event file of `steps` steps (from step `from`) of `tags` scalars each, one event per
 * scalar as PyTorch's writer writes them; tags alternate `acc<i>` and `loss/t<i>`.
 */
export function writeRun(dir: string, steps: number, tags: number, from = 0): void {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, `events.out.tfevents.${1767225600 + from}.test`), 'w');
  try {
    writeSync(fd, fileVersionRecord(1767225600));
    for (let step = from; step < from + steps; step++) {
      const records = Array.from({ length: tags }, (_, t) =>
        scalarRecord(step, 1767225600 + step * 0.25, { [t % 2 ? `loss/t${t}` : `acc${t}`]: Math.cos(step * (t + 1)) * 3 }),
      );
      writeSync(fd, Buffer.concat(records));
    }
  } finally {
    closeSync(fd);
  }
}
