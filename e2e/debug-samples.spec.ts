import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { DEMO, api, compareUrl, endInView, taskIds } from './support';

const SPEECH = { crnn: 'kws crnn', conformer: 'kws conformer-tiny', baseline: 'kws cnn-small baseline' };

function column(page: Page, id: string) {
  return page.locator(`app-sample-column[data-task-id="${id}"]`);
}

async function chooseMetric(page: Page, id: string, metric: string): Promise<void> {
  await column(page, id).getByRole('combobox', { name: 'Metric' }).click();
  await page.getByRole('option', { name: metric, exact: true }).click();
}

/** Archived tasks in a project of their own, so the demo table stays as the other specs expect. */
async function fixtureTasks(request: APIRequestContext, count: number, label: string): Promise<string[]> {
  const { id: project } = await api<{ id: string }>(request, 'projects.create', { name: `e2e debug samples ${label} ${Date.now()}` });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${label} ${String(i).padStart(3, '0')}`;
    const { id } = await api<{ id: string }>(request, 'tasks.create', { name, project, type: 'training', system_tags: ['archived'] });
    ids.push(id);
  }
  return ids;
}

test.describe('debug samples', () => {
  // Long flows over several reloads; the shared machine can be slow.
  test.describe.configure({ timeout: 150_000 });

  test('a column per task; older/newer/newest and the metric select move it; reload restores it', async ({ page, request }) => {
    const ids = await taskIds(request, [DEMO.best, DEMO.baseline, DEMO.failed]);
    await page.goto(compareUrl(ids, 'debug-images'));
    await expect(page.getByTestId('sample-column')).toHaveCount(3);
    await expect(page.getByTestId('column-task-name')).toHaveText([DEMO.best, DEMO.baseline, DEMO.failed]);

    const first = column(page, ids[0]);
    await expect(first.getByRole('button', { name: /^Open .+ at iteration / }).first()).toBeVisible();
    const newest = Number(await first.getAttribute('data-iter'));
    expect(newest).toBeGreaterThan(0);
    await expect(first.getByRole('button', { name: 'Newer iteration', exact: true })).toBeDisabled();
    await expect(first.getByRole('button', { name: 'Newest iteration', exact: true })).toBeDisabled();
    await expect(first.locator('img').first()).toHaveAttribute('loading', 'lazy');
    // Every thumbnail of the column is at the iteration shown, captioned with it.
    for (const iter of await first
      .getByRole('button', { name: /^Open .+ at iteration / })
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-iter')))) {
      expect(Number(iter)).toBe(newest);
    }

    await first.getByRole('button', { name: 'Older iteration', exact: true }).click();
    await expect.poll(async () => Number(await first.getAttribute('data-iter'))).toBeLessThan(newest);
    const older = Number(await first.getAttribute('data-iter'));
    await expect(first.getByRole('button', { name: 'Newer iteration', exact: true })).toBeEnabled();
    await expect(first.getByRole('button', { name: /^Open .+ at iteration / }).first()).toContainText(`iteration ${older}`);
    // The other columns did not move (sync is off).
    await expect(column(page, ids[1]).getByRole('button', { name: 'Newer iteration', exact: true })).toBeDisabled();

    await chooseMetric(page, ids[0], 'augmentations');
    await expect(first.getByRole('button', { name: /^Open .+ at iteration / }).first()).toHaveAttribute('data-metric', 'augmentations');
    const metrics = await first
      .getByRole('button', { name: /^Open .+ at iteration / })
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')));
    expect(new Set(metrics)).toEqual(new Set(['augmentations']));
    await expect(column(page, ids[1]).locator('[data-metric="predictions"]').first()).toBeVisible();
    const shownBefore = await first.getAttribute('data-iter');
    await expect(page).toHaveURL(/cols=/);

    await page.reload();
    await expect(
      column(page, ids[0])
        .getByRole('button', { name: /^Open .+ at iteration / })
        .first(),
    ).toHaveAttribute('data-metric', 'augmentations');
    await expect(column(page, ids[0])).toHaveAttribute('data-iter', shownBefore!);

    await column(page, ids[0]).getByRole('button', { name: 'Newest iteration', exact: true }).click();
    await expect(column(page, ids[0]).getByRole('button', { name: 'Newest iteration', exact: true })).toBeDisabled();
    await expect(column(page, ids[0]).getByRole('button', { name: 'Newer iteration', exact: true })).toBeDisabled();
  });

  test('tasks without any debug sample get one message, not a column each saying so; a task with samples gets its columns', async ({
    page,
    request,
  }) => {
    const ids = await fixtureTasks(request, 3, 'no samples');
    await page.goto(compareUrl(ids, 'debug-images'));
    await expect(page.getByTestId('no-samples')).toHaveText(/^None of these tasks has debug samples/, { timeout: 60_000 });
    await expect(page.getByTestId('column-empty')).toHaveCount(0);
    // A state told as such, not as an error.
    await expect(page.getByRole('status').filter({ hasText: 'None of these tasks has debug samples' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await page.getByTestId('no-samples').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    await page.goto(compareUrl(ids.slice(0, 1), 'debug-images'));
    await expect(page.getByTestId('no-samples')).toHaveText(/^This task has no debug samples/, { timeout: 60_000 });
    // With one task that has samples, every task keeps its column (the others say they have none).
    const [withSamples] = await taskIds(request, [DEMO.baseline]);
    await page.goto(compareUrl([withSamples, ...ids.slice(0, 2)], 'debug-images'));
    await expect(page.getByTestId('column-empty')).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByTestId('no-samples')).toHaveCount(0);
  });

  test('sync aligns every column to the same iteration, marking the nearest; jump takes all columns there', async ({ page, request }) => {
    const ids = await taskIds(request, [SPEECH.crnn, SPEECH.conformer, SPEECH.baseline]);
    await page.goto(compareUrl(ids, 'debug-images'));
    const [crnn, conformer, baseline] = ids.map((id) => column(page, id));
    await expect(crnn).toHaveAttribute('data-iter', '1000');
    await expect(conformer).toHaveAttribute('data-iter', '520');
    await expect(baseline).toHaveAttribute('data-iter', '800');

    await page.getByRole('switch', { name: 'Sync', exact: true }).click();
    await expect(page).toHaveURL(/sync=1/);
    await crnn.getByRole('button', { name: 'Older iteration', exact: true }).click();
    await expect(crnn).toHaveAttribute('data-iter', '800');
    await expect(baseline).toHaveAttribute('data-iter', '800');
    await expect(conformer).toHaveAttribute('data-iter', '520');
    await expect(conformer.getByTestId('nearest-marker')).toHaveText(/nearest to 800/);
    await expect(crnn.getByTestId('nearest-marker')).toHaveCount(0);

    await crnn.getByRole('button', { name: 'Older iteration', exact: true }).click();
    await expect(crnn).toHaveAttribute('data-iter', '600');
    await expect(baseline).toHaveAttribute('data-iter', '600');
    await expect(conformer).toHaveAttribute('data-iter', '520');

    // A metric picked in one column is picked in all.
    await chooseMetric(page, ids[0], 'spectrogram');
    await expect(crnn.getByRole('button', { name: /^Open .+ at iteration / }).first()).toHaveAttribute('data-metric', 'spectrogram');
    await expect(baseline.getByTestId('column-empty')).toContainText('no samples for “spectrogram”');
    await chooseMetric(page, ids[0], 'All');

    await page.getByLabel('Jump to iteration').fill('400');
    await page.getByLabel('Jump to iteration').press('Enter');
    await expect(page).toHaveURL(/iter=400/);
    for (const c of [crnn, conformer, baseline]) await expect(c).toHaveAttribute('data-iter', '400');

    await page.reload();
    for (const c of [crnn, conformer, baseline]) await expect(c).toHaveAttribute('data-iter', '400');
    await expect(page.getByRole('switch', { name: 'Sync', exact: true })).toHaveAttribute('aria-checked', 'true');

    // Jump without sync still takes every column there.
    await page.getByRole('switch', { name: 'Sync', exact: true }).click();
    await page.getByLabel('Jump to iteration').fill('700');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(crnn).toHaveAttribute('data-iter', '600');
    await expect(crnn.getByTestId('nearest-marker')).toHaveText(/nearest to 700/);
    await expect(conformer).toHaveAttribute('data-iter', '520');
    await expect(baseline).toHaveAttribute('data-iter', '600');
  });

  test('the viewer zooms, steps through samples and iterations with buttons, keys and slider; Esc closes', async ({ page, request }) => {
    const [id] = await taskIds(request, [DEMO.best]);
    await page.goto(compareUrl([id], 'debug-images'));
    const first = column(page, id);
    await chooseMetric(page, id, 'augmentations');
    const thumb = first.getByRole('button', { name: /^Open .+ at iteration / }).first();
    await expect(thumb).toHaveAttribute('data-variant', 'crop');
    const newest = Number(await thumb.getAttribute('data-iter'));
    await thumb.click();

    const viewer = page.getByRole('dialog', { name: 'Debug sample viewer' });
    await expect(viewer.getByTestId('viewer-title')).toHaveText('augmentations / crop');
    await expect(viewer.getByTestId('viewer-iteration')).toHaveText(`Iteration ${newest}`);
    await expect(viewer.getByTestId('viewer-image')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`sample=${id}(:|%3A)${newest}`));
    await viewer.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await expect(viewer.getByTestId('zoom-level')).toHaveText('150%');
    const image = viewer.getByTestId('viewer-image');
    const before = await image.evaluate((el) => el.style.transform);
    const stage = await viewer.getByTestId('zoom-stage').boundingBox();
    await page.mouse.move(stage!.x + stage!.width / 2, stage!.y + stage!.height / 2);
    await page.mouse.down();
    await page.mouse.move(stage!.x + stage!.width / 2 + 80, stage!.y + stage!.height / 2 + 30, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => image.evaluate((el) => el.style.transform)).not.toBe(before);
    await viewer.getByTestId('zoom-stage').hover();
    await page.mouse.wheel(0, -200);
    await expect(viewer.getByTestId('zoom-level')).toHaveText('180%');

    await viewer.getByRole('button', { name: 'Next sample', exact: true }).click();
    await expect(viewer.getByTestId('viewer-title')).toHaveText('augmentations / flip');
    await expect(page).toHaveURL(/flip/);
    await page.keyboard.press('ArrowRight');
    await expect(viewer.getByTestId('viewer-note')).toHaveText('This is the last sample.');
    await page.keyboard.press('ArrowLeft');
    await expect(viewer.getByTestId('viewer-title')).toHaveText('augmentations / crop');

    await page.keyboard.press('ArrowDown');
    await expect(viewer.getByTestId('viewer-iteration')).toHaveText(`Iteration ${newest - 500}`);
    await expect(viewer.getByTestId('viewer-title')).toHaveText('augmentations / crop');
    await viewer.getByRole('button', { name: 'Older iteration', exact: true }).click();
    await expect(viewer.getByTestId('viewer-iteration')).toHaveText(`Iteration ${newest - 1000}`);
    await page.keyboard.press('ArrowUp');
    await expect(viewer.getByTestId('viewer-iteration')).toHaveText(`Iteration ${newest - 500}`);

    const slider = viewer.getByRole('slider', { name: 'Iteration', exact: true });
    await slider.focus();
    await slider.press('End');
    await expect(viewer.getByTestId('viewer-iteration')).toHaveText(`Iteration ${newest}`);
    await expect(viewer.getByRole('button', { name: 'Newer iteration', exact: true })).toBeDisabled();
    await slider.press('Home');
    await expect(viewer.getByTestId('viewer-iteration')).toHaveText('Iteration 500');
    await expect(viewer.getByRole('button', { name: 'Older iteration', exact: true })).toBeDisabled();

    await page.reload();
    await expect(page.getByTestId('viewer-title')).toHaveText('augmentations / crop');
    await expect(page.getByTestId('viewer-iteration')).toHaveText('Iteration 500');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Debug sample viewer' })).toHaveCount(0);
    await expect(page).not.toHaveURL(/sample=/);
  });

  test('an audio sample plays in the viewer', async ({ page, request }) => {
    const [id] = await taskIds(request, [SPEECH.crnn]);
    await page.goto(compareUrl([id], 'debug-images'));
    await column(page, id).locator('[data-metric="audio"]').first().click();
    const audio = page.getByTestId('viewer-audio');
    await expect(audio).toBeVisible();
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.readyState)).toBeGreaterThanOrEqual(2);
    expect(await audio.evaluate((el: HTMLAudioElement) => el.duration)).toBeGreaterThan(0);
    await expect(page.getByTestId('viewer-broken')).toHaveCount(0);
  });

  test('missing or unsafe files show a placeholder with their URL; a video sample plays', async ({ page, request }) => {
    const [id] = await fixtureTasks(request, 1, 'media');
    await page.goto('/');
    // A one-second WebM made by the browser itself, stored on the server like any sample file.
    const videoPath = `/files/e2e/${id}/clip.webm`;
    const status = await page.evaluate(async (path) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const ctx = canvas.getContext('2d')!;
      const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      for (let i = 0; i < 15; i++) {
        ctx.fillStyle = `hsl(${i * 24}, 80%, 50%)`;
        ctx.fillRect(0, 0, 64, 48);
        await new Promise((r) => setTimeout(r, 66));
      }
      recorder.stop();
      await stopped;
      const response = await fetch(path, { method: 'PUT', body: new Blob(chunks, { type: 'video/webm' }) });
      return response.status;
    }, videoPath);
    expect(status).toBeLessThan(300);
    const event = (variant: string, url: string) => ({ type: 'training_debug_image', task: id, metric: 'media', variant, iter: 1, url });
    const added = await api<{ added: number }>(request, 'events.add_batch', [
      event('a-missing', `/files/e2e/${id}/missing.png`),
      event('b-script', 'javascript:alert(1)'),
      event('c-video', videoPath),
      event('d-audio', `/files/e2e/${id}/missing.wav`),
    ]);
    expect(added.added).toBe(4);

    await page.goto(compareUrl([id], 'debug-images'));
    const thumbs = column(page, id).getByRole('button', { name: /^Open .+ at iteration / });
    await expect(thumbs).toHaveCount(4);
    await expect(thumbs.nth(0).getByTestId('sample-broken')).toContainText(`/files/e2e/${id}/missing.png`);
    await expect(thumbs.nth(1).getByTestId('sample-broken')).toContainText('javascript:alert(1)');
    await expect(thumbs.nth(3).getByTestId('sample-broken')).toContainText(`/files/e2e/${id}/missing.wav`);
    await expect(thumbs.nth(2).getByTestId('sample-broken')).toHaveCount(0);
    await expect(page.locator('img[src^="javascript"], video[src^="javascript"]')).toHaveCount(0);

    await thumbs.nth(2).click();
    const video = page.getByTestId('viewer-video');
    await expect(video).toBeVisible();
    await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.readyState)).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Previous sample', exact: true }).click();
    await expect(page.getByTestId('viewer-title')).toHaveText('media / b-script');
    await expect(page.getByTestId('viewer-broken')).toContainText('javascript:alert(1)');
  });

  test('a column header cuts a long task name in the middle: the ends that tell two tasks apart stay in view', async ({
    page,
    request,
  }) => {
    const label = `resnet18 adamw cosine-warmup augment=strong label-smoothing=0.1 mixup=0.2 ${Date.now().toString(36)} seed`;
    const ids = await fixtureTasks(request, 2, label);
    // A sample each (tasks without any get one message instead of their columns).
    const [demo] = await taskIds(request, [DEMO.best]);
    const sample = await api<{ event: { url: string } }>(request, 'events.get_debug_image_sample', {
      task: demo,
      metric: 'predictions',
      variant: 'cat',
    });
    await api(
      request,
      'events.add_batch',
      ids.map((task) => ({ type: 'training_debug_image', task, metric: 'predictions', variant: 'cat', iter: 1, url: sample.event.url })),
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(compareUrl(ids, 'debug-images'));
    await expect(page.getByTestId('sample-column')).toHaveCount(2);
    for (const [i, id] of ids.entries()) {
      const name = column(page, id).getByTestId('column-task-name');
      await expect(name).toHaveText(`${label} ${String(i).padStart(3, '0')}`);
      await expect(name).toHaveAttribute('title', `${label} ${String(i).padStart(3, '0')}`);
      expect(
        await name.evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return range.getBoundingClientRect().width > el.clientWidth;
        }),
      ).toBe(true);
      expect(await endInView(name, 'seed 000'.length)).toBe(true);
    }
  });

  test('100 tasks: columns are virtualised and every task can be scrolled to', async ({ page, request }) => {
    test.setTimeout(150_000);
    const [demo] = await taskIds(request, [DEMO.best]);
    const sample = await api<{ event: { url: string } }>(request, 'events.get_debug_image_sample', {
      task: demo,
      metric: 'predictions',
      variant: 'cat',
    });
    const ids = await fixtureTasks(request, 100, 'wide');
    await api(
      request,
      'events.add_batch',
      ids.map((task, i) => ({
        type: 'training_debug_image',
        task,
        metric: 'predictions',
        variant: 'cat',
        iter: 10 * (i + 1),
        url: sample.event.url,
      })),
    );

    await page.goto(compareUrl(ids, 'debug-images'));
    await expect(column(page, ids[0])).toHaveAttribute('data-iter', '10');
    const rendered = await page.getByTestId('sample-column').count();
    expect(rendered).toBeGreaterThan(2);
    expect(rendered).toBeLessThan(30);
    await page.getByTestId('sample-columns').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect(column(page, ids[99])).toHaveAttribute('data-iter', '1000');
    await expect(column(page, ids[99]).locator('img')).toBeVisible();
    await expect(column(page, ids[0])).toHaveCount(0);
  });

  test('a task with more sample iterations than one page: Older fetches the page before; a jump pages back to its iteration @plain', async ({
    page,
    request,
  }, info) => {
    const [id] = await fixtureTasks(request, 1, 'long');
    await api(
      request,
      'events.add_batch',
      Array.from({ length: 1001 }, (_, i) => ({
        type: 'training_debug_image',
        task: id,
        metric: 'steps',
        variant: 'v',
        iter: i + 1,
        url: `/files/e2e/${id}/${i + 1}.png`,
      })),
    );
    const pages: Record<string, unknown>[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/events.debug_images')) pages.push(r.postDataJSON() as Record<string, unknown>);
    });
    await page.goto(compareUrl([id], 'debug-images', 'iter=902'));
    const only = column(page, id);
    // The first page: the newest 100 iterations (1001 to 902).
    await expect(only).toHaveAttribute('data-iter', '902');
    await only.getByRole('button', { name: 'Older iteration', exact: true }).click();
    await expect(only).toHaveAttribute('data-iter', '901');
    const older = pages.at(-1)!;
    if (info.project.name === 'plain') {
      // clearml-server's own paging: the column's scroll, earlier.
      expect(older).toEqual(expect.objectContaining({ navigate_earlier: true, scroll_id: expect.any(String) }));
    } else {
      expect(older['metrics']).toEqual([expect.objectContaining({ iteration: 901 })]);
    }

    await page.getByLabel('Jump to iteration').fill('0');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(only).toHaveAttribute('data-iter', '1', { timeout: 30_000 });
    await expect(only.getByTestId('nearest-marker')).toHaveText(/nearest to 0/);
    await expect(only.getByRole('button', { name: 'Older iteration', exact: true })).toBeDisabled();
    await only.getByRole('button', { name: 'Newest iteration', exact: true }).click();
    await expect(only).toHaveAttribute('data-iter', '1001');
  });

  test('12 image metrics with 2,000 iterations each page back to iteration 0, all metrics and one @plain', async ({ page, request }) => {
    // 24,000 samples stored, then paged back from the newest iteration to 0 page by page.
    test.setTimeout(420_000);
    const [id] = await fixtureTasks(request, 1, 'deep');
    const metrics = Array.from({ length: 12 }, (_, m) => `layer ${String(m).padStart(2, '0')}`);
    const events = metrics.flatMap((metric) =>
      Array.from({ length: 2000 }, (_, iter) => ({
        type: 'training_debug_image',
        task: id,
        metric,
        variant: 'activations',
        iter,
        url: `/files/e2e/${id}/${metric}/${iter}.png`,
      })),
    );
    for (let i = 0; i < events.length; i += 4000) {
      const { added } = await api<{ added: number }>(request, 'events.add_batch', events.slice(i, i + 4000));
      expect(added).toBe(Math.min(4000, events.length - i));
    }
    const failures: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/events.debug_images') && !r.ok()) failures.push(`${r.status()}`);
    });

    await page.goto(compareUrl([id], 'debug-images'));
    const only = column(page, id);
    await expect(only).toHaveAttribute('data-iter', '1999');
    // Every metric's sample of the newest iteration: none dropped by the server's event budget.
    await expect(only.getByRole('button', { name: /^Open .+ at iteration / })).toHaveCount(12);

    await page.getByLabel('Jump to iteration').fill('0');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(only).toHaveAttribute('data-iter', '0', { timeout: 300_000 });
    await expect(only.getByTestId('nearest-marker')).toHaveCount(0);
    await expect(only.getByRole('button', { name: /^Open .+ at iteration / })).toHaveCount(12);
    // The last page was full: only asking shows there is nothing older.
    if (await only.getByRole('button', { name: 'Older iteration', exact: true }).isEnabled())
      await only.getByRole('button', { name: 'Older iteration', exact: true }).click();
    await expect(only.getByRole('button', { name: 'Older iteration', exact: true })).toBeDisabled();
    await expect(only).toHaveAttribute('data-iter', '0');

    await chooseMetric(page, id, 'layer 11');
    await expect(only).toHaveAttribute('data-iter', '0', { timeout: 60_000 });
    await expect(only.getByRole('button', { name: /^Open .+ at iteration / })).toHaveCount(1);
    expect(failures).toEqual([]);
  });
});
