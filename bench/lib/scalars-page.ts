/**
 * In-page probes for bench/scalars.ts: when charts are drawn, how long an interaction takes to
 * reach the screen, the figures the app drew, and bare Plotly drawing those same figures on an
 * empty page (the reference the Scalars figures are divided by).
 * In-page code is plain strings: the TypeScript loader would add helpers the page lacks.
 */
import type { Browser, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openByUrl, timeWhen } from './page';

export const CHART = '[data-testid="scalar-chart"]';
export const IN_VIEW = `[...document.querySelectorAll('${CHART}')].filter((c) => { const r = c.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })`;
const DRAWN = `((c) => !!c.querySelector('.scatterlayer .trace'))`;

export const FIRST_CHART_DRAWN = `[...document.querySelectorAll('${CHART}')].some(${DRAWN})`;
export const VIEWPORT_DRAWN = `${IN_VIEW}.length > 0 && ${IN_VIEW}.every(${DRAWN})`;
export const firstChartDrawn = (page: Page) => timeWhen(page, FIRST_CHART_DRAWN, 180_000);
export const viewportDrawn = (page: Page) => timeWhen(page, VIEWPORT_DRAWN, 180_000);

/**
 * Time from an input event (caught first, in the capture phase) to the next paint showing its
 * effect on the first chart in view, and to every chart in view showing it. `event`: the DOM
 * event that starts the interaction; `act` performs it. `onlyFirst`: only the first chart changes.
 */
export async function interaction(
  page: Page,
  event: string,
  act: () => Promise<void>,
  onlyFirst = false,
): Promise<{ first: number; all: number }> {
  await page.evaluate(`(() => {
    // A cheap signature of each chart's lines (count, path lengths and a sample of 32 characters spread
    // over each path, since a change of values can keep a path's length): serialising 100 traces
    // every frame would slow the page measured.
    const sig = (d) => { let out = d.length + ':'; for (let i = 0; i < 32; i++) out += d.charAt(Math.floor((d.length * i) / 32)); return out; };
    const snap = () => ${IN_VIEW}.map((c) => [...c.querySelectorAll('.scatterlayer .trace path')].map((p) => sig(p.getAttribute('d') ?? '')).join(','));
    window.__before = snap();
    window.__result = new Promise((done) => {
      addEventListener(${JSON.stringify(event)}, () => {
        const start = performance.now();
        let first = 0;
        const check = () => {
          const now = snap();
          if (!first && now[0] !== window.__before[0]) first = performance.now() - start;
          if (first && ${onlyFirst}) done({ first, all: first });
          else if (first && now.every((html, i) => html !== window.__before[i])) done({ first, all: performance.now() - start });
          // A chart the change leaves as it was (a flat series under smoothing) must not hang the run: give up after 30 s.
          else if (performance.now() - start > 30000) done({ first: first || performance.now() - start, all: performance.now() - start });
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }, { capture: true, once: true });
    });
  })()`);
  await act();
  return (await page.evaluate('window.__result')) as { first: number; all: number };
}

export interface Figure {
  data: unknown[];
  layout: Record<string, unknown>;
  width: number;
  height: number;
}

/** The figures Plotly holds for the charts in view (data as drawn, layout as laid out). */
export async function drawnFigures(page: Page): Promise<Figure[]> {
  return (await page.evaluate(`${IN_VIEW}.map((c) => c.querySelector('.js-plotly-plot')).filter(Boolean).map((el) => ({
    data: el.data, layout: JSON.parse(JSON.stringify(el.layout)), width: el.offsetWidth, height: el.offsetHeight,
  }))`)) as Figure[];
}

export interface BareTimes {
  /** Navigation start to the first figure painted (Plotly's script loaded and run first). */
  first: number;
  /** Navigation start to every figure painted, drawn one after the other. */
  all: number;
  longest: number;
}

const PLOTLY = join(ROOT, 'node_modules/plotly.js-dist-min/plotly.min.js');

/** An empty page with only Plotly, drawing `figures` (sized as in the app) and painting. */
export async function barePlotly(browser: Browser, figures: Figure[]): Promise<BareTimes> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.route('http://bench.invalid/**', (route) => {
    const url = route.request().url();
    if (url.endsWith('plotly.js')) return route.fulfill({ body: readFileSync(PLOTLY), contentType: 'text/javascript' });
    // (the idle tab's first page, as the app's views are opened: see openByUrl)
    if (url.endsWith('favicon.svg'))
      return route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><body><script src="/plotly.js"></script></body>' });
  });
  await page.addInitScript(`window.__longest = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
    .observe({ type: 'longtask', buffered: true });`);
  await openByUrl(page, 'http://bench.invalid/');
  await page.waitForLoadState('load');
  const times = (await page.evaluate(`(async (figures) => {
    const paint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    let first = 0;
    for (const f of figures) {
      const el = document.createElement('div');
      el.style.cssText = 'width:' + f.width + 'px;height:' + f.height + 'px';
      document.body.appendChild(el);
      await Plotly.newPlot(el, f.data, f.layout, { displaylogo: false, responsive: false });
      await paint();
      first ||= performance.now();
    }
    return { first, all: performance.now() };
  })(${JSON.stringify(figures)})`)) as { first: number; all: number };
  const longest = (await page.evaluate('window.__longest')) as number;
  await context.close();
  return { ...times, longest };
}

/** An empty page with only Plotly and a `#c` element of the figure's size (nothing drawn yet). */
async function chartPage(browser: Browser, figure: Figure): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.route('http://bench.invalid/**', (route) =>
    route.request().url().endsWith('plotly.js')
      ? route.fulfill({ body: readFileSync(PLOTLY), contentType: 'text/javascript' })
      : route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><body><div id="c" style="width:${figure.width}px;height:${figure.height}px"></div><script src="/plotly.js"></script></body>`,
        }),
  );
  await page.goto('http://bench.invalid/');
  return page;
}

/** Bare Plotly redrawing a figure in place (`Plotly.react` from `before` to `after`) until painted. */
export async function bareReact(browser: Browser, before: Figure, after: Figure): Promise<number> {
  const page = await chartPage(browser, before);
  const ms = (await page.evaluate(`(async ([before, after]) => {
    const el = document.getElementById('c');
    await Plotly.newPlot(el, before.data, before.layout);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const start = performance.now();
    await Plotly.react(el, after.data, after.layout);
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - start;
  })(${JSON.stringify([before, after])})`)) as number;
  await page.context().close();
  return ms;
}

/**
 * Bare Plotly zoomed by the same drag as the app's first chart (from 30% to 50% of the plot's
 * width): mouseup to the next paint showing the lines redrawn, as `interaction` reads it.
 */
export async function bareZoom(browser: Browser, figure: Figure): Promise<number> {
  const page = await chartPage(browser, figure);
  await page.evaluate(`(async (f) => {
    await Plotly.newPlot(document.getElementById('c'), f.data, f.layout);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  })(${JSON.stringify(figure)})`);
  const box = (await page.locator('#c .nsewdrag').first().boundingBox())!;
  await page.evaluate(`(() => {
    const sig = () => [...document.querySelectorAll('#c .scatterlayer .trace path')].map((p) => (p.getAttribute('d') ?? '').length).join(',');
    const before = sig();
    window.__zoom = new Promise((done) => addEventListener('mouseup', () => {
      const start = performance.now();
      const check = () => (sig() !== before || performance.now() - start > 30000 ? done(performance.now() - start) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    }, { capture: true, once: true }));
  })()`);
  await dragZoom(page, box);
  const ms = (await page.evaluate('window.__zoom')) as number;
  await page.context().close();
  return ms;
}

/** The zoom drag the benches make on a chart's plot area: from 30% to 50% of its width, at mid height. */
export async function dragZoom(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<void> {
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
}
