/**
 * The list answers serialised with and without response schemas (the server's `responseSchemas`
 * option, 'all' against false): two apps in this process on one database of 5,000 tasks with hyperparameters,
 * configuration and metrics, 500 models, and events lists (10,000 log lines, debug samples, plots,
 * single values). Each answer is asked of both apps in turn; the time from Fastify's
 * preSerialization hook to its onSend hook is the serialisation (fast-json-stringify from the
 * schema, or JSON.stringify); `answered` is the whole request through `inject`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app';
import { apiEndpoints } from '../../server/src/services/endpoints';
import { median } from './http';

const TASKS = 5000;
const PLOT_TASKS = 100;
const MODELS = 500;
const LOG_LINES = 10_000;

function hyperparams(i: number) {
  const out: Record<string, Record<string, object>> = {};
  for (const section of ['Args', 'General', 'Optimizer']) {
    out[section] = {};
    for (let p = 0; p < 20; p++) {
      const name = `param_${p}`;
      out[section][name] = { section, name, value: String((i * 31 + p) % 97), type: 'str', description: '' };
    }
  }
  return out;
}

async function addBatch(app: FastifyInstance, events: object[]): Promise<void> {
  for (let at = 0; at < events.length; at += 10_000) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v2.31/events.add_batch',
      headers: { 'content-type': 'application/json-lines' },
      payload: events
        .slice(at, at + 10_000)
        .map((e) => JSON.stringify(e))
        .join('\n'),
    });
    if (response.statusCode !== 200) throw new Error(`events.add_batch: ${response.body.slice(0, 200)}`);
  }
}

/** The database: tasks, models and events as a busy project holds them. */
async function fill(app: FastifyInstance): Promise<string[]> {
  const repos = app.repos;
  const now = new Date('2026-01-01T00:00:00Z').getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const project = 'lists-project';
  repos.projects.insert({ id: project, name: 'Lists', description: '', created: iso(now), last_update: iso(now) });
  const ids = Array.from({ length: TASKS }, (_, i) => `task${String(i).padStart(6, '0')}`);
  repos.transaction(() => {
    ids.forEach((id, i) => {
      repos.tasks.insert(id, {
        project,
        name: `experiment ${i}`,
        type: 'training',
        status: i % 10 ? 'completed' : 'in_progress',
        user: { id: 'local', name: 'local' },
        tags: i % 3 ? [] : ['baseline'],
        created: iso(now + i * 1000),
        started: iso(now + i * 1000 + 10),
        completed: i % 10 ? iso(now + i * 1000 + 600_000) : null,
        last_update: iso(now + i * 1000 + 600_000),
        last_change: iso(now + i * 1000 + 600_000),
        status_changed: iso(now + i * 1000 + 600_000),
        hyperparams: hyperparams(i),
        configuration: {
          General: { name: 'General', value: JSON.stringify({ layers: [64, 128, 256], dropout: 0.1, seed: i }), type: 'dictionary' },
        },
        script: { repository: 'https://example.com/repo.git', entry_point: 'train.py', requirements: { pip: 'torch==2.3\nnumpy\n' } },
        execution: { artifacts: [{ key: 'data', type: 'dict', mode: 'output', uri: `file:///data/${i}.json`, hash: 'abc' }] },
        runtime: { gpu_count: 1, cpu_count: 8 },
      } as never);
    });
    for (let m = 0; m < MODELS; m++) {
      repos.models.insert({
        id: `model${m}`,
        name: `model ${m}`,
        uri: `file:///models/${m}.pt`,
        framework: 'PyTorch',
        design: '',
        labels: '{"cat": 0, "dog": 1}',
        project,
        task: ids[m],
        created: iso(now + m),
      });
    }
  });
  const scalars = ids.flatMap((task) =>
    ['loss/train', 'loss/validation', 'accuracy/train', 'accuracy/validation', 'lr/lr'].flatMap((name, s) => {
      const [metric, variant] = name.split('/');
      return [0, 100].map((iter) => ({
        type: 'training_stats_scalar',
        task,
        metric,
        variant,
        iter,
        value: (s + 1) / (iter + 1),
        timestamp: now + iter,
      }));
    }),
  );
  const singles = ids.flatMap((task) =>
    ['accuracy', 'f1', 'runtime'].map((variant, v) => ({
      type: 'training_stats_scalar',
      task,
      metric: 'Summary',
      variant,
      iter: -2147483648,
      value: v + 0.5,
      timestamp: now,
    })),
  );
  const plot = JSON.stringify({
    data: [{ type: 'scatter', x: Array.from({ length: 200 }, (_, i) => i), y: Array.from({ length: 200 }, (_, i) => i * 0.5) }],
  });
  const plots = ids.slice(0, PLOT_TASKS).flatMap((task) =>
    ['confusion', 'roc', 'pr', 'calibration', 'histogram'].map((variant) => ({
      type: 'plot',
      task,
      metric: 'plots',
      variant,
      iter: 1,
      timestamp: now,
      plot_str: plot,
    })),
  );
  const logs = Array.from({ length: LOG_LINES }, (_, i) => ({
    type: 'log',
    task: ids[0],
    iter: i,
    timestamp: now + i,
    level: 'info',
    msg: `epoch ${i}: loss=${(1 / (i + 1)).toFixed(6)} accuracy=${(i / LOG_LINES).toFixed(4)}`,
    worker: 'worker-1',
  }));
  const samples = [];
  for (let iter = 0; iter < 100; iter++)
    for (let m = 0; m < 10; m++)
      for (let v = 0; v < 10; v++)
        samples.push({
          type: 'training_debug_image',
          task: ids[1],
          metric: `images ${m}`,
          variant: `sample ${v}`,
          iter,
          timestamp: now + iter,
          url: `https://files.example.com/images/${m}/${v}/${iter}.png`,
        });
  await addBatch(app, [...scalars, ...singles, ...plots, ...logs, ...samples]);
  return ids;
}

interface Timed {
  serialise: number[];
  answered: number[];
  bytes: number;
}

function timed(app: FastifyInstance): { last: { serialise: number } } {
  const last = { serialise: NaN };
  const started = new WeakMap<object, number>();
  app.addHook('preSerialization', async (request, _reply, payload) => {
    started.set(request, performance.now());
    return payload;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const start = started.get(request);
    if (start !== undefined) last.serialise = performance.now() - start;
    return payload;
  });
  return { last };
}

/** Per answer: JSON.stringify's serialisation time over the schema's, and whether its endpoint serialises by the schema by default. */
export async function benchListAnswers(dir: string, runs: number): Promise<{ label: string; ratio: number; schema: boolean }[]> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, 'lists.db');
  const filesDir = join(dir, 'files');
  const seeding = await buildApp({ dbPath, filesDir, appDir: null, demo: false });
  const ids = await fill(seeding);
  await seeding.close();
  // Every schema against none, whether or not its endpoint serialises by it by default.
  const apps = (['all', false] as const).map(async (responseSchemas) => {
    const app = await buildApp({ dbPath, filesDir, appDir: null, demo: false, responseSchemas });
    const clock = timed(app);
    await app.ready();
    return { app, clock };
  });
  const [withSchemas, without] = await Promise.all(apps);
  const cases: [string, string, object][] = [
    [`tasks.get_all_ex, ${TASKS.toLocaleString('en-US')} whole tasks`, 'tasks.get_all_ex', { scroll_id: null, size: TASKS }],
    [
      `tasks.get_all_ex, ${TASKS.toLocaleString('en-US')} tasks, table fields`,
      'tasks.get_all_ex',
      {
        scroll_id: null,
        size: TASKS,
        only_fields: ['id', 'name', 'status', 'type', 'project.name', 'user.name', 'last_update', 'last_iteration', 'tags'],
      },
    ],
    ['tasks.get_all, 500 whole tasks', 'tasks.get_all', { id: ids.slice(0, 500) }],
    [
      `models.get_all_ex, ${MODELS} models`,
      'models.get_all_ex',
      { only_fields: ['id', 'name', 'task.name', 'project.name', 'created', 'framework'] },
    ],
    [`events.get_task_log, ${LOG_LINES.toLocaleString('en-US')} lines`, 'events.get_task_log', { task: ids[0], batch_size: LOG_LINES }],
    ['events.debug_images, 5,000 samples', 'events.debug_images', { metrics: [{ task: ids[1] }], iters: 50 }],
    [`events.get_multi_task_plots, ${PLOT_TASKS} tasks x 5 plots`, 'events.get_multi_task_plots', { tasks: ids.slice(0, PLOT_TASKS) }],
    // At most 100 tasks a call (MAX_TASKS_PER_CALL).
    ['events.get_task_single_value_metrics, 100 tasks', 'events.get_task_single_value_metrics', { tasks: ids.slice(0, 100) }],
    ['events.get_multi_task_metrics, 100 tasks', 'events.get_multi_task_metrics', { tasks: ids.slice(0, 100) }],
  ];
  console.log(
    `\nList answers serialised with and without response schemas (in process, ${runs} runs each after a warm-up, interleaved; median ms)`,
  );
  console.log(
    '| answer | by schema | MB | JSON.stringify ms | with schema ms | JSON.stringify / schema | answered without ms | answered with ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const ratios: { label: string; ratio: number; schema: boolean }[] = [];
  try {
    for (const [label, name, body] of cases) {
      const times = new Map<object, Timed>([
        [withSchemas, { serialise: [], answered: [], bytes: 0 }],
        [without, { serialise: [], answered: [], bytes: 0 }],
      ]);
      for (let run = -1; run < runs; run++) {
        for (const side of run % 2 ? [withSchemas, without] : [without, withSchemas]) {
          side.clock.last.serialise = NaN;
          const start = performance.now();
          const response = await side.app.inject({ method: 'POST', url: `/api/v2.31/${name}`, payload: body });
          const answered = performance.now() - start;
          if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
          if (Number.isNaN(side.clock.last.serialise)) throw new Error(`${name}: no serialisation time taken`);
          const entry = times.get(side)!;
          entry.bytes = response.rawPayload.length;
          if (run < 0) continue;
          entry.serialise.push(side.clock.last.serialise);
          entry.answered.push(answered);
        }
        (globalThis as { gc?: () => void }).gc?.();
      }
      const fast = times.get(withSchemas)!;
      const plain = times.get(without)!;
      if (fast.bytes !== plain.bytes) throw new Error(`${name}: ${fast.bytes} bytes with schemas, ${plain.bytes} without`);
      const ratio = median(plain.serialise) / median(fast.serialise);
      const schema = apiEndpoints.some((e) => e.name === name && e.response && e.serialiseBySchema !== false);
      ratios.push({ label, ratio, schema });
      console.log(
        `| ${label} | ${schema ? 'yes' : 'no'} | ${(plain.bytes / 1e6).toFixed(2)} | ${median(plain.serialise).toFixed(1)} | ${median(fast.serialise).toFixed(1)} | ` +
          `${ratio.toFixed(2)}x | ${median(plain.answered).toFixed(0)} | ${median(fast.answered).toFixed(0)} |`,
      );
    }
  } finally {
    await withSchemas.app.close();
    await without.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return ratios;
}
