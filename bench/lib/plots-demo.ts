/**
 * Plots opened by its URL on the demo data (what `npm start` writes): the tasks of the demo project
 * with the most plots, all of them and 12 of them, at 1280×800. Time to content (the Summary chart
 * and every plot card in view drawn, from navigation start), the longest main-thread task until the
 * page has settled (cards just below the fold are drawn after the content), and, opened by its URL
 * in the same runs on the same tasks, the Scalars graph (every chart in view drawn): on a shared
 * machine the ratio of the two says more than either figure.
 */
import type { Browser, Page } from '@playwright/test';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRepositories } from '../../server/src/db/repositories';
import { demoDataset } from '../../server/src/seed/demo';
import { seedDataset } from '../../server/src/seed/seed';
import { DATA_DIR } from './data';
import { post } from './http';
import { longTasks, median, openByUrl, probedPage, result, settled, timeWhen } from './page';
import { IN_VIEW } from './scalars-page';

const VIEWPORT = { width: 1280, height: 800 };

/** The demo database, written once under bench/.data/. */
export function demoDatabase(): { db: string; files: string } {
  const db = join(DATA_DIR, 'demo.db');
  const files = join(DATA_DIR, 'demo-files');
  if (existsSync(`${db}.done`)) return { db, files };
  mkdirSync(files, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const { repos } = openRepositories(db);
  seedDataset(repos, files, demoDataset());
  repos.db.close();
  writeFileSync(`${db}.done`, new Date().toISOString() + '\n');
  return { db, files };
}

type PlotsAnswer = { plots: Record<string, Record<string, Record<string, unknown>>> };

/** The tasks (oldest first) of the project whose tasks reported the most plots, and its name. */
export async function richestProject(url: string): Promise<{ name: string; ids: string[] }> {
  const { tasks } = (await post(url, 'tasks.get_all_ex', {
    only_fields: ['id', 'project.name'],
    order_by: ['created'],
    page_size: 500,
  })) as { tasks: { id: string; project?: { id: string; name?: string } }[] };
  const byProject = new Map<string, { name: string; ids: string[] }>();
  for (const task of tasks) {
    if (!task.project) continue;
    const entry = byProject.get(task.project.id) ?? { name: task.project.name ?? task.project.id, ids: [] };
    entry.ids.push(task.id);
    byProject.set(task.project.id, entry);
  }
  let best = { name: '', ids: [] as string[], plots: -1 };
  for (const entry of byProject.values()) {
    const answer = (await post(url, 'events.get_multi_task_plots', { tasks: entry.ids, iters: 1 })) as PlotsAnswer;
    let plots = 0;
    for (const variants of Object.values(answer.plots)) for (const byTask of Object.values(variants)) plots += Object.keys(byTask).length;
    if (plots > best.plots) best = { ...entry, plots };
  }
  return { name: best.name, ids: best.ids };
}

const CARDS_IN_VIEW = `[...document.querySelectorAll('[data-testid="plot-card"]')].filter((c) => { const r = c.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })`;
/** The Summary drawn and every plot card in view drawn. */
const PLOTS_CONTENT = `!!document.querySelector('[data-testid="summary-chart"] .main-svg') && ${CARDS_IN_VIEW}.length > 0 && ${CARDS_IN_VIEW}.every((c) => [...c.querySelectorAll('app-lazy-plot')].every((p) => p.getBoundingClientRect().top >= innerHeight || !!p.querySelector('.main-svg')))`;

/**
 * Every Scalars chart in view drawn, or saying it has nothing to draw (the demo's single-value
 * metrics have a chart each, empty over iterations).
 */
const SCALARS_CONTENT = `${IN_VIEW}.length > 0 && ${IN_VIEW}.every((c) => c.getAttribute('data-status') === 'loaded' && (!c.querySelector('app-plot') || !!c.querySelector('.scatterlayer .trace')))`;

interface DemoRun {
  content: number;
  longest: number;
  scalars: number;
  scalarsLongest: number;
  cards: number;
  charts: number;
}

/** Opens `path` by its URL, waits for `ready`, then for the page to settle; the time to ready and the longest task. */
async function openView(browser: Browser, url: string, path: string, ready: string): Promise<{ at: number; longest: number; page: Page }> {
  const page = await probedPage(browser, VIEWPORT);
  await openByUrl(page, `${url}/${path}`);
  const at = await timeWhen(page, ready, 120_000);
  await settled(page).catch(() => undefined);
  const { longest } = await longTasks(page);
  return { at, longest, page };
}

async function demoRun(browser: Browser, url: string, ids: readonly string[]): Promise<DemoRun> {
  const compare = `compare-tasks;ids=${ids.join(',')}`;
  const plots = await openView(browser, url, `${compare}/metrics-plots`, PLOTS_CONTENT);
  const cards = Number(await plots.page.evaluate(`${CARDS_IN_VIEW}.length`));
  const charts = Number(await plots.page.evaluate(`document.querySelectorAll('.js-plotly-plot').length`));
  await plots.page.context().close();
  const scalars = await openView(browser, url, `${compare}/scalars/graph`, SCALARS_CONTENT);
  await scalars.page.context().close();
  return { content: plots.at, longest: plots.longest, scalars: scalars.at, scalarsLongest: scalars.longest, cards, charts };
}

/** The demo section of bench/plots.ts: `runs` measured runs after a warm-up, Plots and Scalars interleaved. */
export async function plotsOnDemoData(browser: Browser, url: string, runs: number): Promise<void> {
  const project = await richestProject(`${url}/`);
  const sets = [...new Set([project.ids.length, Math.min(12, project.ids.length)])].map((n) => project.ids.slice(0, n));
  for (const ids of sets) {
    const measured: DemoRun[] = [];
    for (let run = 0; run <= runs; run++) {
      const r = await demoRun(browser, url, ids);
      console.log(
        `demo ${project.name}, ${ids.length} tasks, ${run ? `run ${run}` : 'warm-up'}: plots content ${Math.round(r.content)} ms ` +
          `(longest task ${r.longest} ms, ${r.cards} cards in view, ${r.charts} charts drawn); ` +
          `scalars graph viewport ${Math.round(r.scalars)} ms (longest task ${r.scalarsLongest} ms); ratio ${(r.content / r.scalars).toFixed(2)}`,
      );
      if (run > 0) measured.push(r);
    }
    const name = `plots by URL, demo data (${project.name}, ${ids.length} tasks, 1280×800)`;
    const m = (pick: (r: DemoRun) => number) => Math.round(median(measured.map(pick)));
    result(
      `${name}: Summary and cards in view drawn`,
      m((r) => r.content),
      'ms',
      1500,
    );
    result(
      `${name}: longest main-thread task until settled`,
      m((r) => r.longest),
      'ms',
      200,
    );
    console.log(
      `RATIO | ${name}: content / Scalars graph viewport (same tasks, same runs) | ` +
        `${median(measured.map((r) => r.content / r.scalars)).toFixed(2)}x (${m((r) => r.content)} ms vs ${m((r) => r.scalars)} ms; ` +
        `longest task ${m((r) => r.longest)} vs ${m((r) => r.scalarsLongest)} ms)`,
    );
  }
}
