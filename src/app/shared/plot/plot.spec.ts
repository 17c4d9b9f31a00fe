import { TestBed } from '@angular/core/testing';
import { until } from '../../core/testing/until';
import { Plot } from './plot';
import { themedLayout } from './plot-figure';
import { BUILD_FILES, PlotlyLoader, bundleFor, drawsBundle, loadPlotly, prefetchPlotlyWhenIdle } from './plotly-loader';

describe('bundleFor', () => {
  it('asks for the smallest build that has every trace type', () => {
    expect(bundleFor([{ type: 'scatter' }, { type: 'bar' }, {}, { type: 'pie' }])).toBe('basic');
    expect(bundleFor([])).toBe('basic');
    expect(bundleFor([{ type: 'scatter' }, { type: 'bar' }, {}, { type: 'heatmap' }, { type: 'box' }])).toBe('cartesian');
    expect(bundleFor([{ type: 'histogram' }])).toBe('cartesian');
    expect(bundleFor([{ type: 'scatter' }, { type: 'parcoords' }])).toBe('full');
    expect(bundleFor([{ type: 'table' }])).toBe('full');
    expect(bundleFor([{ type: 'scatter3d' }])).toBe('full');
    expect(bundleFor([{ type: 42 }])).toBe('full');
  });
});

describe('PlotlyLoader', () => {
  /** A frame of its own (its own window.Plotly), its builds looked for under `base`. */
  async function frameAt(base: string): Promise<HTMLIFrameElement> {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html><head><base href="${base}"></head><body></body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.appendChild(frame);
    await loaded;
    return frame;
  }

  it('runs a build as a classic script and hands over the Plotly it defines, once', async () => {
    const frame = await frameAt('/');
    try {
      const loader = new PlotlyLoader(frame.contentDocument!);
      const plotly = await loader.load('basic');
      expect(plotly).toBe((frame.contentWindow as unknown as { Plotly: typeof plotly }).Plotly);
      expect(typeof plotly.react).toBe('function');
      expect(drawsBundle(plotly, 'basic')).toBeTrue();
      expect(drawsBundle(plotly, 'cartesian')).toBeFalse();
      expect(await loader.load('basic')).toBe(plotly);
      const scripts = Array.from(frame.contentDocument!.querySelectorAll('script'));
      expect(scripts.map((s) => new URL(s.src).pathname)).toEqual([`/${BUILD_FILES.basic}`]);
      expect(scripts[0].type).toBe('');
      // Written by scripts/plotly-builds.mjs: the browser compiles the whole build as it downloads.
      expect((await (await fetch(scripts[0].src)).text()).startsWith('//# allFunctionsCalledOnLoad\n')).toBeTrue();
    } finally {
      frame.remove();
    }
  });

  it('rejects with the address when a build cannot be loaded, and tries again on the next call', async () => {
    const frame = await frameAt('/no-such-folder/');
    try {
      const loader = new PlotlyLoader(frame.contentDocument!);
      await expectAsync(loader.load('cartesian')).toBeRejectedWithError(
        /cartesian build\) could not be loaded from .*\/no-such-folder\/plotly\/plotly-cartesian\.min\.js/,
      );
      await expectAsync(loader.load('basic')).toBeRejectedWithError(/basic build/);
      await expectAsync(loader.load('cartesian')).toBeRejected();
      expect(frame.contentDocument!.querySelectorAll('script').length).toBe(3);
    } finally {
      frame.remove();
    }
  });
});

describe('prefetchPlotlyWhenIdle', () => {
  function fakeWindow(saveData: boolean) {
    const calls: string[] = [];
    const timers: (() => void)[] = [];
    const win = {
      navigator: { connection: { saveData } },
      document: { hidden: true },
      setTimeout: (run: () => void, ms: number) => (calls.push(`wait ${ms}`), timers.push(run), 1),
      clearTimeout: () => calls.push('cleared'),
      requestIdleCallback: () => (calls.push('when idle'), 2),
      cancelIdleCallback: () => calls.push('idle cancelled'),
    };
    return { win: win as unknown as Window, calls, timers };
  }

  it('waits for the page to settle, then for an idle moment; cancelling stops both', () => {
    const { win, calls, timers } = fakeWindow(false);
    const cancel = prefetchPlotlyWhenIdle(win);
    expect(calls).toEqual(['wait 1500']);
    timers[0]();
    expect(calls).toEqual(['wait 1500', 'when idle']);
    cancel();
    expect(calls).toEqual(['wait 1500', 'when idle', 'cleared', 'idle cancelled']);
  });

  it('does nothing when the browser asks to save data', () => {
    const { win, calls } = fakeWindow(true);
    prefetchPlotlyWhenIdle(win)();
    expect(calls).toEqual([]);
  });
});

describe('Plot', () => {
  // Plotly is evaluated on first use: seconds on a busy machine (karma.conf.js gives specs a minute).
  it('draws the figure with Plotly and says when it is drawn', async () => {
    const fixture = TestBed.createComponent(Plot);
    fixture.componentRef.setInput('figure', {
      data: [
        { type: 'scatter', x: [1, 2, 3], y: [3, 1, 2], name: '<b>bold?</b>' },
        { type: 'scatter', x: [1], y: [1] },
      ],
      layout: { height: 200, title: { text: '<img src=x onerror=alert(1)>' } },
    });
    const drawn = new Promise<HTMLElement>((resolve) => fixture.componentInstance.drawn.subscribe(resolve));
    fixture.detectChanges();
    const el = await drawn;
    expect(el.querySelectorAll('.scatterlayer .trace').length).toBe(2);
    expect(el.querySelector('img')).toBeNull();
  });

  it('appends the new points of a running series with extendTraces, and redraws with react for any other change', async () => {
    const plotly = await loadPlotly();
    const extend = spyOn(plotly, 'extendTraces').and.callThrough();
    const react = spyOn(plotly, 'react').and.callThrough();
    const fixture = TestBed.createComponent(Plot);
    const draw = async (x: number[], y: number[], title = 'loss') => {
      const drawn = new Promise<HTMLElement>((resolve) => fixture.componentInstance.drawn.subscribe(resolve));
      fixture.componentRef.setInput('figure', { data: [{ type: 'scatter', x, y }], layout: { height: 200, title: { text: title } } });
      fixture.detectChanges();
      return (await drawn) as HTMLElement & { data: { x: number[] }[] };
    };
    await draw([1, 2], [3, 2]);
    expect(react).toHaveBeenCalledTimes(1);
    const el = await draw([1, 2, 3, 4], [3, 2, 1, 0]);
    expect(extend).toHaveBeenCalledTimes(1);
    expect(extend.calls.mostRecent().args.slice(1)).toEqual([{ x: [[3, 4]], y: [[1, 0]] }, [0]] as never);
    expect(react).toHaveBeenCalledTimes(1);
    expect(el.data[0].x).toEqual([1, 2, 3, 4]);
    await draw([1, 2, 3, 4], [3, 2, 1, 0], 'accuracy');
    expect(react).toHaveBeenCalledTimes(2);
    expect(extend).toHaveBeenCalledTimes(1);
  });

  it('draws with the smallest build that has the traces and moves a chart to a larger build when a trace needs it', async () => {
    const fixture = TestBed.createComponent(Plot);
    const draw = async (data: unknown[]) => {
      const drawn = new Promise<HTMLElement>((resolve) => fixture.componentInstance.drawn.subscribe(resolve));
      fixture.componentRef.setInput('figure', { data, layout: { height: 200 } });
      fixture.detectChanges();
      return drawn;
    };
    let el = await draw([{ type: 'bar', x: ['a', 'b'], y: [1, 2] }]);
    expect(el.querySelectorAll('.barlayer .trace').length).toBe(1);
    const basic = await loadPlotly('basic');
    expect(drawsBundle(basic, 'basic')).toBeTrue();
    el = await draw([
      {
        type: 'heatmap',
        z: [
          [1, 2],
          [3, 4],
        ],
      },
    ]);
    expect(el.querySelector('.heatmaplayer image, .hm image')).not.toBeNull();
    expect(el.querySelectorAll('.barlayer .trace').length).toBe(0);
    const cartesian = await loadPlotly('cartesian');
    expect(drawsBundle(cartesian, 'cartesian')).toBeTrue();
    // A larger build, once loaded, serves smaller figures too.
    expect(await loadPlotly('basic')).toBe(cartesian);
    el = await draw([{ type: 'table', header: { values: ['metric'] }, cells: { values: [['loss']] } }]);
    expect(el.querySelector('.table')).not.toBeNull();
    expect(el.querySelectorAll('.barlayer .trace').length).toBe(0);
    expect(fixture.nativeElement.querySelector('.plot-error')).toBeNull();
  });

  it('shows an error in place of a figure Plotly cannot draw', async () => {
    const fixture = TestBed.createComponent(Plot);
    const broken = {
      get data(): never {
        throw new Error('bad figure');
      },
    };
    fixture.componentRef.setInput('figure', broken);
    fixture.detectChanges();
    await until(
      () => !!fixture.nativeElement.querySelector('.plot-error'),
      () => fixture.whenStable(),
    );
    expect(fixture.nativeElement.querySelector('.plot-error')?.textContent).toContain('could not be drawn: bad figure');
  });
});

describe('themedLayout', () => {
  it('puts theme colours under the figure layout, the figure winning', () => {
    const layout = themedLayout({ xaxis: { type: 'log' }, font: { size: 20 } }, { dark: true });
    expect(layout.paper_bgcolor).toBe('rgba(0,0,0,0)');
    expect(layout.font?.size).toBe(20);
    expect(layout.font?.color).toBe('#e3e3e8');
    expect(layout.xaxis?.type).toBe('log');
    expect(layout.xaxis?.gridcolor).toBe('#3a3b40');
    expect(themedLayout({}, { dark: false }).font?.color).toBe('#1b1b1f');
  });

  it('leaves room for axis titles, so automargin does not redraw the chart to fit them', () => {
    expect(themedLayout({}, { dark: false }).margin).toEqual({ l: 56, r: 16, t: 36, b: 40 });
    const titled = themedLayout({ xaxis: { title: { text: 'Iterations' } }, yaxis: { title: 'lr' } as never }, { dark: false });
    expect(titled.margin).toEqual({ l: 68, r: 16, t: 36, b: 52 });
    expect(themedLayout({ margin: { b: 10 } }, { dark: false }).margin).toEqual({ b: 10 });
  });
});
