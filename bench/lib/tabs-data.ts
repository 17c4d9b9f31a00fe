/**
 * The database of the Hyperparameters charts, Plots and Debug samples benches (issue 11): 100 tasks,
 * each with 50 hyperparameters, a few scalar metrics, 10 plots and 50 iterations × 8 debug samples.
 * Written through the HTTP API of the real server (tasks.create, events.add_batch, PUT /files) into
 * bench/.data/tabs-<tasks>.db once, then reused; `<db>.done` holds the task ids.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { DATA_DIR } from './data';
import { post } from './http';
import { startServer } from './server';

export const TAB_SIZES = { tasks: 100, params: 50, plots: 10, iterations: 50, samples: 8 };

export interface TabsDatabase {
  db: string;
  files: string;
  ids: string[];
}

const noise = (seed: number) => {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
};

/** 50 parameters: 30 numbers (spread over decades for log axes), 20 choices and flags. */
function hyperparams(t: number): Record<string, Record<string, { section: string; name: string; value: string; type: string }>> {
  const args: Record<string, { section: string; name: string; value: string; type: string }> = {};
  const general: typeof args = {};
  for (let p = 0; p < 30; p++) {
    const value = p % 3 === 0 ? 10 ** (-5 + 4 * noise(t * 31 + p)) : Math.round(noise(t * 17 + p) * 1000) / 10;
    args[`param_${p}`] = { section: 'Args', name: `param_${p}`, value: String(value), type: 'float' };
  }
  for (let p = 0; p < 20; p++) {
    const value = p % 2 ? ['sgd', 'adam', 'adamw', 'lamb'][Math.floor(noise(t * 7 + p) * 4)] : String(noise(t * 13 + p) > 0.5);
    general[`option_${p}`] = { section: 'General', name: `option_${p}`, value, type: p % 2 ? 'str' : 'bool' };
  }
  return { Args: args, General: general };
}

function plot(t: number, k: number): { metric: string; variant: string; plot_str: string } {
  const kind = k % 3;
  const x = Array.from({ length: 50 }, (_, i) => i / 49);
  if (kind === 0) {
    const y = x.map((v) => Math.min(1, v ** (0.3 + noise(t * 101 + k) * 0.5)));
    return {
      metric: `ROC ${k}`,
      variant: 'test',
      plot_str: JSON.stringify({ data: [{ type: 'scatter', mode: 'lines', x, y, name: 'roc' }], layout: { title: `ROC ${k}` } }),
    };
  }
  if (kind === 1) {
    const names = Array.from({ length: 10 }, (_, i) => `class ${i}`);
    const y = names.map((_, i) => 0.5 + noise(t * 53 + k * 7 + i) / 2);
    return {
      metric: `Per class ${k}`,
      variant: 'test',
      plot_str: JSON.stringify({ data: [{ type: 'bar', x: names, y, name: 'accuracy' }], layout: { title: `Per class ${k}` } }),
    };
  }
  const z = Array.from({ length: 10 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => Math.round((i === j ? 80 : 3) * noise(t * 11 + k + i * 10 + j))),
  );
  return {
    metric: `Confusion ${k}`,
    variant: 'test',
    plot_str: JSON.stringify({ data: [{ type: 'heatmap', z }], layout: { title: `Confusion ${k}` } }),
  };
}

function samplePng(iter: number, sample: number): Buffer {
  const png = new PNG({ width: 64, height: 64 });
  for (let i = 0; i < 64 * 64; i++) {
    png.data[i * 4] = (iter * 5 + (i % 64) * 2) & 255;
    png.data[i * 4 + 1] = (sample * 30 + Math.floor(i / 64) * 2) & 255;
    png.data[i * 4 + 2] = (iter * sample) & 255;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** Returns the tabs database, building it first when it is missing. */
export async function tabsDatabase(tasks = TAB_SIZES.tasks): Promise<TabsDatabase> {
  const db = join(DATA_DIR, `tabs-${tasks}.db`);
  const files = join(DATA_DIR, `tabs-${tasks}-files`);
  const done = `${db}.done`;
  if (existsSync(done)) return { db, files, ids: (JSON.parse(readFileSync(done, 'utf8')) as { ids: string[] }).ids };
  mkdirSync(DATA_DIR, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  rmSync(files, { recursive: true, force: true });
  const server = await startServer({ db, files });
  const started = Date.now();
  try {
    const base = server.url;
    // One image per iteration and sample, shared by every task (the page still draws one <img> per task).
    for (let iter = 0; iter < TAB_SIZES.iterations; iter++) {
      for (let s = 0; s < TAB_SIZES.samples; s++) {
        const response = await fetch(`${base}files/bench/${iter}-${s}.png`, {
          method: 'PUT',
          headers: { 'content-type': 'image/png' },
          body: new Uint8Array(samplePng(iter, s)),
        });
        if (!response.ok) throw new Error(`PUT file: ${response.status} ${await response.text()}`);
      }
    }
    const { id: project } = (await post(base, 'projects.create', { name: 'bench tabs' })) as { id: string };
    const ids: string[] = [];
    for (let t = 0; t < tasks; t++) {
      const { id } = (await post(base, 'tasks.create', {
        name: `tabs ${String(t).padStart(3, '0')}`,
        project,
        type: 'training',
        hyperparams: hyperparams(t),
      })) as { id: string };
      ids.push(id);
      const events: string[] = [];
      for (let iter = 0; iter < 10; iter++) {
        for (const [metric, variant, value] of [
          ['accuracy', 'val', 0.5 + (0.4 * noise(t) * (iter + 1)) / 10],
          ['loss', 'val', (2 * noise(t + 99)) / (iter + 1)],
        ] as const) {
          events.push(
            JSON.stringify({ type: 'training_stats_scalar', task: id, metric, variant, iter, value, timestamp: 1.7e12 + iter * 1000 }),
          );
        }
      }
      for (let k = 0; k < TAB_SIZES.plots; k++)
        events.push(JSON.stringify({ type: 'plot', task: id, iter: 9, timestamp: 1.7e12, ...plot(t, k) }));
      for (let iter = 0; iter < TAB_SIZES.iterations; iter++) {
        for (let s = 0; s < TAB_SIZES.samples; s++) {
          events.push(
            JSON.stringify({
              type: 'training_debug_image',
              task: id,
              metric: `samples ${s % 2}`,
              variant: `image ${s}`,
              iter,
              timestamp: 1.7e12 + iter * 1000,
              url: `/files/bench/${iter}-${s}.png`,
            }),
          );
        }
      }
      const answer = (await post(base, 'events.add_batch', events.join('\n'), 'application/json-lines')) as {
        errors: number;
        errors_info?: unknown;
      };
      if (answer.errors) throw new Error(`events.add_batch: ${JSON.stringify(answer.errors_info)}`);
    }
    console.log(
      `Built ${db}: ${tasks} tasks × ${TAB_SIZES.params} parameters, ${TAB_SIZES.plots} plots, ` +
        `${TAB_SIZES.iterations} iterations × ${TAB_SIZES.samples} samples in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    writeFileSync(done, JSON.stringify({ ids }) + '\n');
    return { db, files, ids };
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  tabsDatabase().then(
    (built) => console.log(built.db),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
