import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { SdkClient, type Transport } from '../server/test/sdk/client';
import { pngImage, trainingScript } from '../server/test/sdk/fixtures';
import { runScript, type ScriptRun } from '../server/test/sdk/script';
import { compareUrl } from './support';

/** The SDK replay over HTTP: GET requests with JSON bodies, json-lines batches, multipart uploads. */
function httpTransport(request: APIRequestContext): Transport {
  return async ({ method, path, headers, body }) => {
    const response = await request.fetch(path, { method, headers, data: body });
    return { status: response.status(), body: await response.body() };
  };
}

function gridRow(page: Page, id: string) {
  return page.locator(`[data-testid="row"][data-row="${id}"]`);
}

function cell(page: Page, rowId: string, col: number) {
  return gridRow(page, rowId).locator(`[data-testid="cell"][data-col="${col}"]`);
}

test.describe('logging from the ClearML SDK', () => {
  // beforeAll replays two whole training runs over HTTP before the first page opens: in one worker,
  // in order, so that it runs once, not once per worker.
  test.describe.configure({ mode: 'default', timeout: 150_000 });
  let runs: ScriptRun[];
  const stamp = Date.now();
  const names = [`sdk run lr=0.01 ${stamp}`, `sdk run lr=0.05 ${stamp}`];

  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    try {
      runs = [];
      for (const [i, lr] of [0.01, 0.05].entries()) {
        const client = new SdkClient(httpTransport(request), { filesHost: `${baseURL}/files` });
        const colour: [number, number, number] = i === 0 ? [220, 40, 40] : [40, 40, 220];
        const spec = trainingScript(names[i], lr, {
          project: `SDK e2e ${stamp}`,
          images: [pngImage(64, 64, colour), pngImage(64, 64, [40, 180, 40])],
          artifactCsv: Buffer.from('id,label\n1,cat\n'),
          modelBytes: Buffer.from('weights'),
        });
        runs.push(await runScript(client, spec));
      }
    } finally {
      await request.dispose();
    }
  });

  test('Details shows both logged tasks: name, project, status, artifacts and the uploaded model', async ({ page }) => {
    await page.goto(
      compareUrl(
        runs.map((r) => r.task),
        'details',
      ),
    );
    await expect(page.getByTestId('side-by-side')).toBeVisible();
    await expect(cell(page, 'name', 0)).toHaveText(names[0]);
    await expect(cell(page, 'name', 1)).toHaveText(names[1]);
    await expect(cell(page, 'project', 0)).toHaveText(`SDK e2e ${stamp}`);
    await expect(cell(page, 'status', 1)).toHaveText('completed');
    // Rows further down are drawn as they scroll into view: the search brings them there.
    const search = page.getByRole('searchbox', { name: 'Search fields and values' });
    await search.fill('pandas');
    await search.press('Enter');
    await expect(cell(page, 'artifact:output:predictions.type', 0)).toHaveText('pandas');
    await search.fill('model_best');
    await search.press('Enter');
    await expect(cell(page, 'output:best.uri', 1)).toContainText(`.${runs[1].task}/models/model_best.pt`);
  });

  test('Hyperparameters shows the argparse and connected values, the learning rate marked as changed', async ({ page }) => {
    await page.goto(
      compareUrl(
        runs.map((r) => r.task),
        'hyper-params/values',
      ),
    );
    await expect(cell(page, 'Args/lr', 0)).toHaveText('0.01');
    await expect(cell(page, 'Args/lr', 1)).toHaveText('0.05');
    await expect(cell(page, 'Args/lr', 1)).toHaveClass(/changed/);
    await expect(cell(page, 'General/layers', 1)).toHaveText('3');
    await expect(gridRow(page, 'General/layers')).not.toHaveClass(/differs/);
  });

  test("Scalars shows the reported series with each task's last value", async ({ page }) => {
    await page.goto(
      compareUrl(
        runs.map((r) => r.task),
        'scalars/values',
      ),
    );
    const row = page.locator('tr[data-testid="values-row"][data-metric="loss"][data-variant="train"]');
    await expect(row).toBeVisible();
    const values = await row.getByTestId('value-cell').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
    expect(values[0]).toBeCloseTo(1 / (1 + 19 * 0.01 * 10), 4);
    expect(values[1]).toBeCloseTo(1 / (1 + 19 * 0.05 * 10), 4);
    await expect(page.locator('tr[data-testid="values-row"][data-metric="accuracy"]')).toHaveCount(1);
  });

  test('Debug samples shows the images the SDK uploaded, loaded from the files host', async ({ page }) => {
    await page.goto(
      compareUrl(
        runs.map((r) => r.task),
        'debug-images',
      ),
    );
    await expect(page.getByTestId('column-task-name')).toHaveText(names);
    const column = page.locator(`app-sample-column[data-task-id="${runs[0].task}"]`);
    const image = column
      .getByRole('button', { name: /^Open .+ at iteration / })
      .first()
      .locator('img');
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    expect(await image.getAttribute('src')).toContain(`.${runs[0].task}/metrics/samples/input/`);
  });

  test('the results link the SDK prints opens that task on the compare page', async ({ page }) => {
    await page.goto(`/projects/${runs[0].project}/experiments/${runs[0].task}/output/log`);
    await expect(page).toHaveURL(new RegExp(`/compare-tasks;ids=${runs[0].task}/details`));
    await expect(cell(page, 'name', 0)).toHaveText(names[0]);
  });
});
