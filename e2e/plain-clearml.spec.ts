import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { api, compareUrl, taskHeaders } from './support';

/**
 * What must behave the same on a server with our extensions (`full`) and on one answering as
 * clearml-server does (`plain`): this file runs in both projects with the same expectations.
 */
const pad = (i: number) => String(i).padStart(3, '0');
/** Every tenth task logs lr=0.1; a few have "lr=0x1", which an unescaped "lr=0.1" pattern would also match. */
const nameOf = (i: number) => (i % 50 === 7 ? `sweep ${pad(i)} lr=0x1` : `sweep ${pad(i)} lr=0.${i % 10}`);
const COUNT = 300;
/** Rows are drawn a few dozen at a time; the shared machine can be slow. */
const SETTLED = { timeout: 30_000 };

/** A fresh project of 300 archived tasks (archived: the demo table stays as the other specs expect). */
async function sweep(request: APIRequestContext): Promise<{ project: string; tasks: { id: string; name: string }[] }> {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `e2e sweep ${Date.now()} ${Math.random()}` });
  const tasks: { id: string; name: string }[] = [];
  for (let i = 0; i < COUNT; i += 20) {
    const batch = Array.from({ length: Math.min(20, COUNT - i) }, (_, k) => nameOf(i + k));
    const created = await Promise.all(
      batch.map((name) => api<{ id: string }>(request, 'tasks.create', { name, project, type: 'training', system_tags: ['archived'] })),
    );
    tasks.push(...created.map(({ id }, k) => ({ id, name: batch[k] })));
  }
  return { project, tasks };
}

function rowIds(page: Page): Promise<string[]> {
  return page.locator('tr[data-task-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-id') ?? ''));
}

function rowNames(page: Page): Promise<string[]> {
  return page
    .locator('tr[data-task-id] td.name-cell')
    .allTextContents()
    .then((names) => names.map((n) => n.trim()));
}

test.describe('the same on clearml-server answers @plain', () => {
  // In one worker, in order: the 300 tasks (beforeAll) are made once, not once per worker.
  test.describe.configure({ mode: 'default', timeout: 120_000 });
  let fixture: { project: string; tasks: { id: string; name: string }[] };

  test.beforeAll(async ({ request }) => {
    test.setTimeout(120_000);
    fixture = await sweep(request);
  });

  test('every task of a 300-task project is reachable from the table, page by page, without a count', async ({ page }) => {
    await page.goto(`/tasks?project=${fixture.project}&archived=1&sort=name&size=50`);
    const paginator = page.locator('mat-paginator');
    const seen: string[] = [];
    for (let p = 1; ; p++) {
      await expect(page).toHaveURL(p === 1 ? /\/tasks\?/ : new RegExp(`page=${p}(&|$)`));
      await expect(page.locator('tr[data-task-id]').first()).toHaveAttribute('data-task-id', /.+/);
      await expect(paginator).toContainText(`${(p - 1) * 50 + 1} – ${p * 50} of`);
      // The paginator's range follows the URL at once, the rows when the page's answer is in: read them
      // once none of an earlier page is left.
      await expect.poll(async () => (await rowIds(page)).filter((id) => seen.includes(id))).toEqual([]);
      const ids = await rowIds(page);
      expect(ids.length).toBe(50);
      seen.push(...ids);
      const next = paginator.getByRole('button', { name: 'Next page' });
      if (p * 50 >= COUNT) {
        // The last page: the one-task request after it found nothing.
        await expect(paginator).toContainText(`of ${COUNT}`);
        await expect(paginator).not.toContainText('+');
        await expect(next).toHaveAttribute('aria-disabled', 'true');
        break;
      }
      await expect(paginator).toContainText(`of ${p * 50}+`);
      await next.click();
    }
    expect(new Set(seen).size).toBe(COUNT);
    expect([...seen].sort()).toEqual(fixture.tasks.map((t) => t.id).sort());
  });

  test('sort by name goes both ways over all pages; project and user do not sort', async ({ page }) => {
    const sorted = fixture.tasks.map((t) => t.name).sort();
    await page.goto(`/tasks?project=${fixture.project}&archived=1&sort=name&size=100`);
    await expect(page.locator('tr[data-task-id]')).toHaveCount(100);
    expect(await rowNames(page)).toEqual(sorted.slice(0, 100));
    await page.getByRole('button', { name: 'Name' }).click();
    await expect(page).toHaveURL(/sort=-name/);
    await expect.poll(() => rowNames(page), SETTLED).toEqual([...sorted].reverse().slice(0, 100));
    await page.goto(`/tasks?project=${fixture.project}&archived=1&sort=-name&size=100&page=3`);
    await expect.poll(() => rowNames(page), SETTLED).toEqual([...sorted].reverse().slice(200, 300));
    // Project and user are references (ids on clearml-server): their headers do not sort.
    await expect(page.locator('th [mat-sort-header]', { hasText: /^Project$/ })).toHaveCount(0);
    await expect(page.locator('th[mat-sort-header]', { hasText: /^User$/ })).toHaveCount(0);
  });

  test('search finds part of a name in any case, the typed text as it is, and ids', async ({ page }) => {
    await page.goto(`/tasks?project=${fixture.project}&archived=1&sort=name&size=100`);
    const search = page.getByRole('searchbox', { name: 'Search tasks by name or id' });
    await search.fill('EEP 01');
    await expect(page).toHaveURL(/q=EEP/);
    await expect
      .poll(() => rowNames(page), SETTLED)
      .toEqual(
        fixture.tasks
          .map((t) => t.name)
          .filter((n) => n.includes('eep 01'))
          .sort(),
      );

    await search.fill('lr=0.1');
    const tenths = fixture.tasks
      .map((t) => t.name)
      .filter((n) => n.includes('lr=0.1'))
      .sort();
    expect(tenths.length).toBe(30);
    await expect.poll(() => rowNames(page), SETTLED).toEqual(tenths);

    const target = fixture.tasks[123];
    await search.fill(target.id.slice(4, 16).toUpperCase());
    await expect.poll(() => rowIds(page), SETTLED).toEqual([target.id]);
    await expect(page.getByTestId('task-count')).toHaveText('1 task');
  });

  test('the compare headers and Details name the project from the dotted field', async ({ page }) => {
    const [a, b] = fixture.tasks;
    await page.goto(compareUrl([a.id, b.id], 'details'));
    await expect(taskHeaders(page).first()).toContainText(a.name);
    await expect(taskHeaders(page).first()).toContainText('e2e sweep');
  });
});
