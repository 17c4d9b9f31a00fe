/**
 * Memory figures of a page once a tab has settled, for any bench:
 *
 *   await installProbes(page);            // before page.goto: counts WebGL contexts, records long tasks
 *   ...open the tab, wait until it settles...
 *   const m = await readMemory(page);     // { heapMB, domNodes, webgl: { created, alive, lost } }
 *   memoryResults('scalars graph', m);    // RESULT lines against the issue 11 targets
 *
 * Heap: JSHeapUsedSize from the DevTools protocol after a forced garbage collection. DOM nodes:
 * elements in the document (shadow roots included). WebGL: contexts the page created, how many are
 * still alive (canvas in the document, not lost), and how many were lost.
 * Long tasks: window.__longest (ms, since the last resetLongest) from a PerformanceObserver.
 */
import type { Page } from '@playwright/test';
import { result } from './result';

export interface MemoryFigures {
  heapMB: number;
  domNodes: number;
  webgl: { created: number; alive: number; lost: number };
}

// In-page scripts are plain strings, so the TypeScript loader adds no helpers the page lacks.
const PROBES = `(() => {
  window.__longest = 0;
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { window.__longest = Math.max(window.__longest, e.duration); window.__longTasks.push(e.duration); }
  }).observe({ type: 'longtask', buffered: true });
  const contexts = [];
  window.__webgl = contexts;
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = original.call(this, type, ...rest);
    if (ctx && /webgl/.test(String(type)) && !contexts.some((c) => c.ctx === ctx)) {
      const entry = { ctx, canvas: this, lost: false };
      this.addEventListener('webglcontextlost', () => { entry.lost = true; });
      contexts.push(entry);
    }
    return ctx;
  };
})();`;

export async function installProbes(page: Page): Promise<void> {
  await page.addInitScript(PROBES);
}

/** The longest main-thread task (ms) since the page loaded or since resetLongest. */
export async function longestTask(page: Page): Promise<number> {
  return (await page.evaluate('window.__longest ?? 0')) as number;
}

export async function resetLongest(page: Page): Promise<void> {
  await page.evaluate('window.__longest = 0; window.__longTasks = []');
}

export async function readMemory(page: Page): Promise<MemoryFigures> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const counts = (await page.evaluate(`(() => {
      const count = (root) => { let n = 0; for (const el of root.querySelectorAll('*')) { n++; if (el.shadowRoot) n += count(el.shadowRoot); } return n; };
      const gl = window.__webgl ?? [];
      return {
        domNodes: count(document),
        created: gl.length,
        alive: gl.filter((c) => c.canvas.isConnected && !c.lost && !c.ctx.isContextLost()).length,
        lost: gl.filter((c) => c.lost || c.ctx.isContextLost()).length,
      };
    })()`)) as { domNodes: number; created: number; alive: number; lost: number };
    return {
      heapMB: heap / 2 ** 20,
      domNodes: counts.domNodes,
      webgl: { created: counts.created, alive: counts.alive, lost: counts.lost },
    };
  } finally {
    await cdp.detach();
  }
}

/** Prints the issue 11 memory targets for one tab: heap ≤ 300 MB, DOM ≤ 15,000, WebGL ≤ 8 alive and none lost. */
export function memoryResults(tab: string, m: MemoryFigures): void {
  console.log(
    `${tab}: JS heap ${m.heapMB.toFixed(1)} MB, ${m.domNodes} DOM elements, WebGL contexts: ${m.webgl.created} created, ${m.webgl.alive} alive, ${m.webgl.lost} lost`,
  );
  result(`memory: ${tab}, JS heap`, m.heapMB, 'MB', 300);
  result(`memory: ${tab}, DOM nodes`, m.domNodes, 'nodes', 15_000);
  result(`memory: ${tab}, WebGL contexts alive`, m.webgl.alive, 'contexts', 8);
  result(`memory: ${tab}, WebGL contexts lost`, m.webgl.lost, 'lost', 0);
}
