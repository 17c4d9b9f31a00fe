/**
 * Ingest through events.add_batch over HTTP, on a fresh database, in the shapes the SDK sends.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { post } from './http';
import { startServer } from './server';

export interface IngestShape {
  label: string;
  tasks: number;
  /** Series per task. */
  series: number;
  /** Iterations of every series of one task in one batch. */
  itersPerBatch: number;
  /** Tasks whose events share one batch (1 = one task per batch, as the SDK of each task sends). */
  tasksPerBatch: number;
  iterations: number;
  /** Concurrent HTTP clients. */
  clients: number;
}

export const INGEST_SHAPES: IngestShape[] = [
  // Ten training tasks, each sending its own batches: 20 series x 50 iterations = 1,000 events, four clients at once.
  {
    label: 'SDK-like: 10 tasks x 20 series, 1,000-event batches per task, 4 clients',
    tasks: 10,
    series: 20,
    itersPerBatch: 50,
    tasksPerBatch: 1,
    iterations: 2_500,
    clients: 4,
  },
  // The worst case the first measurement found: 1,000 events spread over 100 series (10 iterations each).
  {
    label: '1,000-event batches over 100 series (10 iterations each), 1 client',
    tasks: 10,
    series: 10,
    itersPerBatch: 10,
    tasksPerBatch: 10,
    iterations: 2_000,
    clients: 1,
  },
  {
    label: '10,000-event batches over 100 series, 1 client',
    tasks: 10,
    series: 10,
    itersPerBatch: 100,
    tasksPerBatch: 10,
    iterations: 5_000,
    clients: 1,
  },
];

function batchesFor(shape: IngestShape, taskIds: string[]): { bodies: string[]; events: number } {
  const bodies: string[] = [];
  let events = 0;
  for (let start = 1; start <= shape.iterations; start += shape.itersPerBatch) {
    for (let t0 = 0; t0 < taskIds.length; t0 += shape.tasksPerBatch) {
      const lines: string[] = [];
      for (const task of taskIds.slice(t0, t0 + shape.tasksPerBatch)) {
        for (let iter = start; iter < start + shape.itersPerBatch && iter <= shape.iterations; iter++) {
          for (let s = 0; s < shape.series; s++) {
            lines.push(
              JSON.stringify({
                type: 'training_stats_scalar',
                task,
                metric: `metric_${s % 5}`,
                variant: `variant_${s}`,
                iter,
                value: Math.exp(-iter / 1000) + 0.01 * Math.sin(iter * (s + 1)),
                timestamp: 1.7e12 + iter * 100,
              }),
            );
          }
        }
      }
      events += lines.length;
      bodies.push(lines.join('\n'));
    }
  }
  return { bodies, events };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Events per second through events.add_batch over HTTP to the server process, for one shape (fresh database under `dir`). */
export interface IngestFigures {
  rate: number;
  events: number;
  batches: number;
  seconds: number;
  /** Events per CPU second of the server process: what one free core would take, whatever else runs. */
  perCpuSecond: number;
}

export async function measureIngest(dir: string, shape: IngestShape, main?: string): Promise<IngestFigures> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServer({ db: join(dir, 'ingest.db'), files: join(dir, 'files'), main });
  const base = server.url;
  try {
    const project = ((await post(base, 'projects.create', { name: 'ingest' })) as { id: string }).id;
    const tasks: string[] = [];
    for (let i = 0; i < shape.tasks; i++) {
      tasks.push(((await post(base, 'tasks.create', { name: `ingest ${i}`, project, type: 'training' })) as { id: string }).id);
    }
    const { bodies, events } = batchesFor(shape, tasks);
    let next = 0;
    const client = async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const data = (await post(base, 'events.add_batch', body, 'application/json-lines')) as { errors: number; errors_info: unknown };
        if (data.errors) throw new Error(JSON.stringify(data.errors_info));
      }
    };
    const cpuBefore = cpuSeconds(server.pid);
    const start = performance.now();
    await Promise.all(Array.from({ length: shape.clients }, client));
    const seconds = (performance.now() - start) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    return { rate: events / seconds, events, batches: bodies.length, seconds, perCpuSecond: events / Math.max(cpu, 0.01) };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
