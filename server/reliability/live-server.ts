// A real server process on a given database, for tests that kill it, back it up or read it from
// another process while it writes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../..');
const START_BOUND_S = 180;

export interface LiveServer {
  port: number;
  process: ChildProcess;
  /** Calls `/api/<name>`; resolves with the status and parsed envelope, rejects when the connection fails. */
  call(name: string, body?: unknown): Promise<{ status: number; meta: Record<string, any>; data: any }>;
  /** Posts JSON lines to events.add_batch. */
  addBatch(lines: string[]): Promise<{ status: number; data: any }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDir(prefix = 'compare-live-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts `server/src/main.ts` on 127.0.0.1 and a free port; resolves once it listens. */
export function startLiveServer(dbPath: string, filesDir: string): Promise<LiveServer> {
  const env = { ...process.env };
  delete env.COMPARE_API_KEYS;
  delete env.COMPARE_KEYS_FILE;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/main.ts', '--db', dbPath, '--files', filesDir, '--port', '0', '--no-demo'],
    {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveServer, reject) => {
    // Only bounds how late a server that never listens is reported: a start takes a few seconds of
    // CPU, which on a busy machine (other suites beside this one) is more than 30 s of wall time.
    const timer = setTimeout(() => reject(new Error(`server did not start within ${START_BOUND_S} s:\n${output}`)), START_BOUND_S * 1000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      const port = Number(match[1]);
      const base = `http://127.0.0.1:${port}/api/v2.31/`;
      resolveServer({
        port,
        process: child,
        async call(name, body = {}) {
          const response = await fetch(base + name, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const parsed = (await response.json()) as { meta: Record<string, any>; data: any };
          return { status: response.status, meta: parsed.meta, data: parsed.data };
        },
        async addBatch(lines) {
          const response = await fetch(base + 'events.add_batch', {
            method: 'POST',
            headers: { 'content-type': 'application/json-lines' },
            body: lines.join('\n'),
          });
          const parsed = (await response.json()) as { data: any };
          return { status: response.status, data: parsed.data };
        },
        async kill(signal = 'SIGKILL') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
  });
}

/** One batch's events: `points` iterations of two series written together, a log line and a plot. */
export function batchLines(task: string, batch: number, points: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < points; i++) {
    const iter = batch * points + i;
    for (const variant of ['a', 'b']) {
      lines.push(
        JSON.stringify({
          type: 'training_stats_scalar',
          task,
          metric: 'crash',
          variant,
          iter,
          value: batch + i / points,
          timestamp: 1_700_000_000_000 + iter,
        }),
      );
    }
  }
  lines.push(JSON.stringify({ type: 'log', task, iter: batch, msg: `batch ${batch}` }));
  lines.push(
    JSON.stringify({ type: 'plot', task, metric: 'batches', variant: String(batch), iter: batch, plot_str: `{"batch":${batch}}` }),
  );
  return lines;
}
