/** The real server in a child process (as a user runs it), on a free loopback port. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

export interface RunningServer {
  /** http://127.0.0.1:PORT/ (with the trailing slash). */
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** `main`: another server entry point (e.g. an older checkout, to compare); default server/src/main.ts. */
export function startServer(opts: { db: string; files: string; appDir?: string; main?: string }): Promise<RunningServer> {
  const env = { ...process.env };
  if (opts.appDir) env['COMPARE_APP_DIR'] = opts.appDir;
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  return startProcess(
    [...nodeArgs, '--import', 'tsx', opts.main ?? 'server/src/main.ts', '--db', opts.db, '--files', opts.files, '--port', '0', '--no-demo'],
    env,
  );
}

/** bench/lib/bytes-server.ts answering every request with the bytes of `file`. */
export function startBytesServer(file: string): Promise<RunningServer> {
  return startProcess(['--import', 'tsx', 'bench/lib/bytes-server.ts', file], { ...process.env });
}

/** A node process with these arguments, once it has printed its loopback URL. */
function startProcess(args: string[], env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (!url) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      child.off('exit', onExit);
      resolvePromise({
        url,
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    const onExit = (code: number | null) => reject(new Error(`server exited (${code}) before it listened: ${out}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}
