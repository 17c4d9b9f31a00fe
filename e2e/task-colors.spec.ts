import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { DEMO, api, compareUrl, idsInUrl, taskIds } from './support';

/** `count` archived tasks in a project of their own, each with a short `score / value` series. */
async function createTasks(request: APIRequestContext, count: number, label: string): Promise<{ ids: string[]; names: string[] }> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `colours ${label} ${stamp}` });
  const names = Array.from({ length: count }, (_, i) => `colours ${label} ${stamp} #${String(i + 1).padStart(3, '0')}`);
  const ids: string[] = [];
  for (const name of names)
    ids.push((await api<{ id: string }>(request, 'tasks.create', { name, project, type: 'training', system_tags: ['archived'] })).id);
  const events = ids.flatMap((task, t) =>
    [0, 1, 2, 3].map((iter) => ({ type: 'training_stats_scalar', task, metric: 'score', variant: 'value', iter, value: t + iter / 10 })),
  );
  const response = await request.post('/api/v2.31/events.add_batch', {
    headers: { 'content-type': 'application/json-lines' },
    data: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return { ids, names };
}

/** Headers past the first screenful are made once the page is idle: on a busy machine that takes a while. */
const LOADED = { timeout: 60_000 };

/** Each compared task's colour as its header in the task strip shows it, by id. */
function headerColors(page: Page): Promise<Record<string, string>> {
  return page
    .getByTestId('task-header')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [el.getAttribute('data-task-id') ?? '', (el as HTMLElement).style.getPropertyValue('--task-color')]),
      ),
    );
}

test.describe('task colours', () => {
  test.describe.configure({ timeout: 240_000 });

  test('20 compared tasks get 20 colours; a task keeps its colour when another is removed, moved or added; a shared link shows the same', async ({
    page,
    browser,
  }) => {
    const { ids, names } = await createTasks(page.request, 20, 'twenty');
    const compared = ids;
    await page.goto(compareUrl(compared, 'details'));
    await expect(page.getByTestId('task-header')).toHaveCount(20, LOADED);
    const before = await headerColors(page);
    expect(new Set(Object.values(before)).size).toBe(20);

    // Remove the second task: every other task keeps its colour.
    await page.getByRole('button', { name: /TASKS/ }).click();
    await page
      .getByRole('menu')
      .getByRole('button', { name: `Remove ${names[1]}` })
      .click();
    await page.keyboard.press('Escape');
    await expect.poll(() => idsInUrl(page)).toEqual(compared.filter((id) => id !== ids[1]));
    const removed = await headerColors(page);
    for (const id of Object.keys(removed)) expect(removed[id], id).toBe(before[id]);

    // A new base: the order changes, the colours do not.
    await page.getByRole('button', { name: `Set ${names[5]} as base task` }).click();
    await expect.poll(() => idsInUrl(page)[0]).toBe(ids[5]);
    const rebased = await headerColors(page);
    for (const id of Object.keys(rebased)) expect(rebased[id], id).toBe(before[id]);

    // A task added with + takes the free colour (the removed task's). The + table lists tasks that are not archived: a demo task.
    const [demo] = await taskIds(page.request, [DEMO.baseline]);
    await page.getByRole('button', { name: 'Add or remove tasks' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('searchbox', { name: 'Search tasks by name or id' }).fill(DEMO.baseline);
    const row = dialog.locator(`tr[data-task-id="${demo}"]`);
    await row.getByRole('checkbox').click();
    await expect(row.getByRole('checkbox')).toBeChecked();
    await dialog.getByRole('button', { name: 'APPLY' }).click();
    await expect.poll(() => idsInUrl(page)).toContain(demo);
    await expect.poll(async () => (await headerColors(page))[demo], LOADED).toBe(before[ids[1]]);
    const added = await headerColors(page);
    expect(new Set(Object.values(added)).size).toBe(20);

    // The link carries the assignment: opened elsewhere, every task has the same colour, on every tab.
    const other = await browser.newPage();
    await other.goto(page.url());
    await expect(other.getByTestId('task-header')).toHaveCount(20, LOADED);
    expect(await headerColors(other)).toEqual(added);
    await other
      .getByRole('tab', { name: 'Scalars' })
      .or(other.getByRole('link', { name: 'Scalars' }))
      .first()
      .click();
    await expect(other).toHaveURL(/\/scalars/);
    expect(await headerColors(other)).toEqual(added);
    await other.close();
  });

  test('100 tasks in one chart are drawn in 100 different looks: past the palette, a dash of their own', async ({ page }) => {
    const { ids } = await createTasks(page.request, 100, 'hundred');
    await page.goto(compareUrl(ids, 'scalars/graph'));
    const chart = page.locator('[data-testid="scalar-chart"][data-chart-key="mv:score:value"]');
    await chart.scrollIntoViewIfNeeded();
    await expect(chart).toHaveAttribute('data-status', 'loaded', { timeout: 60_000 });
    const plot = chart.locator('.js-plotly-plot');
    const looks = async () =>
      plot.evaluate((el) => {
        const data = ((el as unknown as { data?: Record<string, unknown>[] }).data ?? []).filter(
          (t) => t['legendgroup'] && t['fill'] === undefined,
        );
        return data.map((t) => {
          const line = (t['line'] ?? {}) as { color?: string; dash?: string };
          const marker = (t['marker'] ?? {}) as { symbol?: string };
          return { task: String(t['legendgroup']), look: `${line.color}|${line.dash ?? 'solid'}|${marker.symbol ?? ''}` };
        });
      });
    await expect.poll(async () => new Set((await looks()).map((l) => l.task)).size, { timeout: 60_000 }).toBe(100);
    const drawn = await looks();
    expect(new Set(drawn.map((l) => l.look)).size).toBe(100);
  });
});
