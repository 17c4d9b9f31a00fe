import { APIRequestContext, Locator, Page, expect } from '@playwright/test';

/** Names of demo tasks the specs rely on (written by the seed on a fresh database). */
export const DEMO = {
  baseline: 'resnet18 sgd lr=0.03 baseline',
  best: 'resnet18 adamw lr=0.003 dropout=0.2',
  failed: 'resnet18 adam lr=0.1',
  running: 'wrn-28-10 adamw lr=0.003',
  archived: 'resnet18 sgd lr=0.01 (old script)',
  seed1: 'resnet18 adamw lr=0.001 seed=1',
};

/** Calls the API and returns the answer's data; a call that fails fails the test with the server's answer. */
export async function api<T>(request: APIRequestContext, endpoint: string, data: unknown): Promise<T> {
  const response = await request.post(`/api/v2.31/${endpoint}`, { data });
  expect(response.ok(), `${endpoint}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { data: T }).data;
}

/** Looks up task ids by exact name through the API, in the order given. */
export async function taskIds(request: APIRequestContext, names: string[]): Promise<string[]> {
  const response = await request.post('/api/v2.31/tasks.get_all_ex', {
    // The oldest first: the seed's tasks come before the hundreds some specs create.
    data: { only_fields: ['id', 'name'], order_by: ['created'], page_size: 500 },
  });
  expect(response.ok()).toBeTruthy();
  const { data } = (await response.json()) as { data: { tasks: { id: string; name: string }[] } };
  return names.map((name) => {
    const task = data.tasks.find((t) => t.name === name);
    if (!task) throw new Error(`demo task not found: ${name}`);
    return task.id;
  });
}

export function compareUrl(ids: string[], view = 'details', query = ''): string {
  return `/compare-tasks;ids=${ids.join(',')}/${view}${query ? `?${query}` : ''}`;
}

/** The ids in the comparison, read from the page URL. */
export function idsInUrl(page: Page): string[] {
  const match = /;ids=([^/?;]*)/.exec(decodeURIComponent(new URL(page.url()).pathname));
  return match ? match[1].split(',').filter(Boolean) : [];
}

/** The compared tasks' headers above the tabs, in their order. */
export function taskHeaders(page: Page): Locator {
  return page.getByRole('list', { name: 'Compared tasks' }).getByRole('listitem');
}

export function headerIds(page: Page): Promise<string[]> {
  return taskHeaders(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-task-id') ?? ''));
}

/**
 * Ticks a task-table row checkbox. The table keeps the selection in the store and renders it on the
 * next change detection, so the box turns checked a frame after the click, not during it.
 */
export async function pick(checkbox: Locator): Promise<void> {
  await checkbox.click();
  await expect(checkbox).toBeChecked();
}

export function row(page: Page, name: string) {
  return page.locator('tr[data-task-id]').filter({ has: page.getByRole('cell', { name, exact: true }) });
}

/**
 * How long a chart may take to be drawn: Plotly is large and parsed on first use, seconds on a busy
 * machine. A bound for reporting a failure, not a budget: a passing test waits only for the drawing.
 */
export const DRAWN = { timeout: 60_000 };

/** The traces Plotly holds for the first chart under `scope` (none while it is being drawn), each with `keys` only. */
export function chartTraces<K extends string>(scope: Locator, keys: readonly K[]): Promise<Record<K, unknown>[]> {
  return scope
    .locator('.js-plotly-plot')
    .first()
    .evaluate(
      (el, wanted) =>
        ((el as unknown as { data?: Record<string, unknown>[] }).data ?? []).map((trace) =>
          Object.fromEntries(wanted.map((key) => [key, trace[key]])),
        ),
      [...keys],
    ) as Promise<Record<K, unknown>[]>;
}

/** The Summary chart's bars (one trace each) as Plotly holds them: task, metric, value and y axis. */
export async function summaryBars(page: Page): Promise<{ task: string; metric: string; value: number; axis: string }[]> {
  const traces = await chartTraces(page.getByTestId('summary-chart'), ['legendgroup', 'x', 'y', 'yaxis']);
  return traces.map((t) => ({
    task: String(t.legendgroup),
    metric: (t.x as string[])[0],
    value: (t.y as number[])[0],
    axis: String(t.yaxis),
  }));
}

/**
 * Double-clicks a chart's plot area (Plotly: back to the whole range) until `done` holds. Plotly
 * tells a double-click from two clicks by the time between them as it handles them; on a busy
 * machine it may take them as two single clicks, and a user would double-click again.
 */
export async function doubleClickChartUntil(chart: Locator, done: () => boolean | Promise<boolean>): Promise<void> {
  const area = chart.locator('.nsewdrag').first();
  await expect(async () => {
    if (!(await done())) {
      const box = (await area.boundingBox())!;
      await area.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    }
    await expect.poll(done, { timeout: 10_000 }).toBe(true);
  }).toPass({ timeout: 90_000 });
}

/** Whether the last `n` characters of the element's text are in view: inside every box between them and the element that clips. */
export async function endInView(el: Locator, n: number): Promise<boolean> {
  return el.evaluate((root, count) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data.trim()) last = node as Text;
    if (!last) return false;
    const text = last.data.trimEnd();
    const range = document.createRange();
    range.setStart(last, Math.max(0, text.length - count));
    range.setEnd(last, text.length);
    const r = range.getBoundingClientRect();
    if (!r.width) return false;
    for (let box: Element | null = last.parentElement; box; box = box === root ? null : box.parentElement) {
      if (getComputedStyle(box).overflowX === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) return false;
    }
    return true;
  }, n);
}
