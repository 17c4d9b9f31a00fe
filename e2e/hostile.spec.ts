import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { api, compareUrl, taskHeaders } from './support';
import { PageWatch, watchPage } from './security-support';

/**
 * A task whose every text field carries HTML/JS payloads. Every place that shows it must show the
 * text as written: nothing runs (no dialog, no flag set by an onerror), no <img src=x> appears, and
 * no `javascript:` link can be clicked.
 */
const flag = (where: string) => `window.__pwned=(window.__pwned||[]).concat('${where}');alert('${where}')`;
const IMG = (where: string) => `<img src=x onerror="${flag(where)}">`;
const P = {
  name: `${IMG('name')}<b>hostile</b> task`,
  project: `${IMG('project')} hostile project`,
  tag: `<script>${flag('tag')}</script>`,
  jsTag: `javascript:${flag('jstag')}`,
  comment: `<a href="javascript:${flag('comment')}">click me</a>`,
  paramName: `lr${IMG('param-name')}`,
  paramValue: IMG('param-value'),
  paramUrl: `javascript:${flag('param-url')}`,
  config: `# ${IMG('config')}\nhomepage: javascript:${flag('config-url')}\n<script>${flag('config-script')}</script>\n`,
  metric: `loss${IMG('metric')}`,
  variant: `<svg onload="${flag('variant')}">`,
  plotMetric: `roc${IMG('plot-metric')}`,
  plotTitle: `${IMG('plot-title')}<a href="javascript:${flag('plot-link')}">plot link</a>`,
  sampleMetric: `samples${IMG('sample-metric')}`,
};

async function createHostileTasks(request: APIRequestContext): Promise<{ project: string; ids: string[] }> {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `${P.project} ${Date.now()}` });
  const hyper = (value: string, url: string) => ({
    Args: {
      [P.paramName]: { section: 'Args', name: P.paramName, value, type: 'str' },
      homepage: { section: 'Args', name: 'homepage', value: url, type: 'str' },
      batch: { section: 'Args', name: 'batch', value: value === P.paramValue ? '64' : '32', type: 'int' },
    },
  });
  const { id: hostile } = await api<{ id: string }>(request, 'tasks.create', {
    name: P.name,
    project,
    type: 'training',
    comment: P.comment,
    tags: [P.tag, P.jsTag],
    system_tags: ['archived'],
    hyperparams: hyper(P.paramValue, P.paramUrl),
    configuration: { General: { name: 'General', value: P.config, type: 'yaml' } },
    script: { repository: `javascript:${flag('repo')}`, entry_point: IMG('entry'), branch: 'main' },
  });
  const { id: plain } = await api<{ id: string }>(request, 'tasks.create', {
    name: 'plain neighbour',
    project,
    type: 'training',
    system_tags: ['archived'],
    hyperparams: hyper('0.1', 'https://example.org'),
    configuration: { General: { name: 'General', value: 'homepage: https://example.org\n', type: 'yaml' } },
  });
  const events: object[] = [];
  for (const task of [hostile, plain]) {
    for (let iter = 0; iter < 5; iter++) {
      events.push({
        type: 'training_stats_scalar',
        task,
        metric: P.metric,
        variant: P.variant,
        iter,
        value: 1 / (iter + 1) + (task === plain ? 0.1 : 0),
      });
    }
    const figure = {
      data: [{ type: 'scatter', x: [0, 1], y: [0, 1], name: IMG('trace') }],
      layout: { title: { text: P.plotTitle }, xaxis: { title: { text: IMG('axis') } } },
    };
    events.push({ type: 'plot', task, metric: P.plotMetric, variant: P.variant, iter: 4, plot_str: JSON.stringify(figure) });
    events.push({
      type: 'training_debug_image',
      task,
      metric: P.sampleMetric,
      variant: P.variant,
      iter: 4,
      url: `javascript:${flag('sample-url')}`,
    });
    events.push({
      type: 'training_debug_image',
      task,
      metric: P.sampleMetric,
      variant: 'data',
      iter: 4,
      url: `data:text/html,<script>${flag('sample-data')}</script>`,
    });
  }
  const response = await request.post('/api/v2.31/events.add_batch', {
    headers: { 'content-type': 'application/json-lines' },
    data: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return { project, ids: [hostile, plain] };
}

async function expectNothingRan(page: Page, watch: PageWatch, where: string) {
  // Let lazy charts and images settle, then look.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string[] }).__pwned ?? []), where).toEqual([]);
  expect(watch.dialogs, where).toEqual([]);
  expect(watch.pageErrors, where).toEqual([]);
  expect(watch.cspViolations, where).toEqual([]);
  expect(watch.consoleErrors, where).toEqual([]);
  await expect(page.locator('img[src="x"], svg[onload], script:not([src])'), where).toHaveCount(0);
  await expect(
    page.locator('a[href^="javascript:" i], [src^="javascript:" i], iframe[src^="data:" i], [src^="data:text/html" i]'),
    where,
  ).toHaveCount(0);
}

test.describe('hostile content', () => {
  // Each test opens the table and every compare view in turn.
  test.describe.configure({ timeout: 300_000 });

  test('HTML and javascript: in task text show literally in the table and in every compare view, and nothing runs', async ({
    page,
    request,
  }) => {
    const { project, ids } = await createHostileTasks(request);
    const watch = await watchPage(page);

    await page.goto(`/tasks?project=${project}&archived=1`);
    await expect(page.getByText(P.name, { exact: false }).first()).toBeVisible();
    await expect(page.getByText(P.tag).first()).toBeVisible();
    await expectNothingRan(page, watch, 'task table');

    const views: [string, string][] = [
      ['details', P.tag],
      ['hyper-params/values', P.paramValue],
      ['hyper-params/graph', ''],
      ['hyper-params/scatter', ''],
      ['scalars/graph', P.metric],
      ['scalars/values', P.metric],
      ['scalars/min-values', P.metric],
      ['scalars/max-values', P.metric],
      ['metrics-plots', P.plotMetric],
      ['debug-images', ''],
    ];
    for (const [view, literal] of views) {
      await page.goto(compareUrl(ids, view));
      await expect(taskHeaders(page).first()).toBeVisible();
      // The task name is shown as text (in the task strip).
      await expect(page.getByText(P.name).first()).toBeAttached();
      // Charts draw lazily and the shared machine can be slow.
      if (literal) await expect(page.getByText(literal).first()).toBeAttached({ timeout: 30_000 });
      await expectNothingRan(page, watch, view);
    }
    console.log(`hostile task shown in the table and ${views.length} compare views; no dialog, no script, no javascript: link`);
  });
});
