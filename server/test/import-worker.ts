/**
 * Imports a TensorBoard log dir (or, with kind 'mlflow', an MLflow file store) on its own thread and connection (as `npm run import` beside a
 * running server), pausing between two written blocks until the test lets it go on.
 * workerData: { db, files, logs, flushPoints, gate, kind? } (gate: an Int32Array on a SharedArrayBuffer).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openRepositories } from '../src/db/repositories';
import { MlflowStore } from '../src/import/mlflow/store-import';
import { TensorBoardLogDir } from '../src/import/tensorboard/log-dir-import';
import { ImportSummary } from '../src/import/writer';

const { db, files, logs, flushPoints, gate, kind } = workerData as {
  db: string;
  files: string;
  logs: string;
  flushPoints: number;
  gate: Int32Array;
  kind?: 'tensorboard' | 'mlflow';
};
const { repos } = openRepositories(db);
const summary = new ImportSummary();
let paused = false;
const target = { repos, filesDir: files, flushPoints };
const importer = kind === 'mlflow' ? new MlflowStore(target, logs) : new TensorBoardLogDir(target, logs);
importer.pass(summary, {
  watching: false,
  onProgress: ({ bytesDone, bytes }) => {
    // Once part of the run is written (between two of its transactions), wait for the test.
    if (paused || bytesDone === 0 || bytesDone >= bytes) return;
    paused = true;
    parentPort!.postMessage({ paused: true });
    Atomics.wait(gate, 0, 0);
  },
});
repos.db.close();
parentPort!.postMessage({ done: true, points: summary.points, tasks: summary.tasksCreated });
