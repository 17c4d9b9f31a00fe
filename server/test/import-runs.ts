import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { Worker } from 'node:worker_threads';
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

/**
 * Writes an MLflow run into a file store as MLflow's file store writes it: `steps` lines of
 * `timestamp value step` for each of `keys` metrics (from step `from`, appended to what is there),
 * the experiment's and the run's meta.yaml, a param and the run name tag.
 */
export function writeMlflowRun(root: string, experiment: string, runId: string, steps: number, keys: string[], from = 0): void {
  const experimentDir = join(root, experiment);
  const runDir = join(experimentDir, runId);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(
    join(experimentDir, 'meta.yaml'),
    `artifact_location: file://${experimentDir}\ncreation_time: 1767225600000\nexperiment_id: '${experiment}'\n` +
      `last_update_time: 1767225600000\nlifecycle_stage: active\nname: exp-${experiment}\n`,
  );
  writeFileSync(
    join(runDir, 'meta.yaml'),
    `artifact_uri: file://${runDir}/artifacts\nend_time: null\nentry_point_name: ''\nexperiment_id: '${experiment}'\n` +
      `lifecycle_stage: active\nrun_id: ${runId}\nrun_name: ${runId.slice(0, 8)}\nrun_uuid: ${runId}\nsource_name: ''\n` +
      `source_type: 4\nsource_version: ''\nstart_time: 1767225600000\nstatus: 3\ntags: []\nuser_id: test\n`,
  );
  for (const [folder, key, value] of [
    ['params', 'steps', String(from + steps)],
    ['tags', 'mlflow.runName', `run-${runId.slice(0, 8)}`],
  ]) {
    mkdirSync(join(runDir, folder), { recursive: true });
    writeFileSync(join(runDir, folder, key), value);
  }
  keys.forEach((key, k) => {
    const path = join(runDir, 'metrics', key);
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(path, 'a');
    try {
      for (let at = from; at < from + steps; at += 10_000) {
        let lines = '';
        for (let step = at; step < Math.min(at + 10_000, from + steps); step++) {
          lines += `${1767225600000 + step * 250} ${Math.cos(step * (k + 1)) * 3} ${step}\n`;
        }
        writeSync(fd, lines);
      }
    } finally {
      closeSync(fd);
    }
  });
}

export interface ImportWorkerMessage {
  paused?: boolean;
  done?: boolean;
  points?: number;
}

/**
 * Starts import-worker.ts on a thread of its own (tsx compiles its TypeScript there too), an import
 * that pauses part-way until `resume()`. `next('paused' | 'done')` resolves once the worker said so;
 * the worker is stopped when the test ends.
 */
export function startImportWorker(t: TestContext, workerData: Record<string, unknown>) {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'import-worker.ts'))});`, {
    eval: true,
    workerData: { ...workerData, gate },
  });
  t.after(() => worker.terminate());
  const messages: ImportWorkerMessage[] = [];
  const next = (key: 'paused' | 'done') =>
    new Promise<void>((resolve, reject) => {
      const check = () => (messages.some((m) => m[key]) ? resolve() : undefined);
      worker.on('message', (m: ImportWorkerMessage) => {
        messages.push(m);
        check();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (messages.some((m) => m[key]) ? resolve() : reject(new Error(`import exited (${code})`))));
      check();
    });
  const resume = () => {
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
  };
  return { messages, next, resume };
}
