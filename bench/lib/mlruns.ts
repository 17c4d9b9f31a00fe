import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes an MLflow file store with one run of about `bytes` bytes of metric files, laid out as
 * MLflow's file store writes it: `keys` metrics (loss/train in a subfolder, ...) of one
 * `timestamp value step` line per step, as `mlflow.log_metric(key, value, step)` appends them.
 * Streams: a few MB are held at a time. Returns the number of metric points written.
 */
export function writeLargeMlflowStore(root: string, bytes: number, keys = 8): { points: number; bytes: number } {
  const experiment = join(root, '1');
  const runId = 'bench0000bench0000bench0000bench';
  const run = join(experiment, runId);
  mkdirSync(join(run, 'params'), { recursive: true });
  mkdirSync(join(run, 'tags'), { recursive: true });
  writeFileSync(join(experiment, 'meta.yaml'), `experiment_id: '1'\nlifecycle_stage: active\nname: bench\n`);
  writeFileSync(
    join(run, 'meta.yaml'),
    `end_time: 1767312000000\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: ${runId}\n` +
      `run_name: bench\nstart_time: 1767225600000\nstatus: 3\nuser_id: bench\n`,
  );
  writeFileSync(join(run, 'params', 'lr'), '0.001');
  writeFileSync(join(run, 'tags', 'mlflow.runName'), 'bench');
  const names = Array.from({ length: keys }, (_, i) => (i === 0 ? 'loss/train' : i === 1 ? 'loss/val' : `metric_${i}`));
  let points = 0;
  let written = 0;
  names.forEach((name, k) => {
    const path = join(run, 'metrics', name);
    mkdirSync(join(path, '..'), { recursive: true });
    const fd = openSync(path, 'w');
    try {
      for (let step = 0; written < ((k + 1) * bytes) / keys;) {
        let block = '';
        for (const end = step + 50_000; step < end; step++) {
          // Python's repr of a float, as MLflow writes it (JavaScript's shortest form is the same digits).
          block += `${1767225600000 + step * 50} ${Math.exp(-step / 1e6) + 0.01 * Math.sin(step + k)} ${step}\n`;
        }
        written += writeSync(fd, block);
        points += 50_000;
      }
    } finally {
      closeSync(fd);
    }
  });
  return { points, bytes: written };
}
