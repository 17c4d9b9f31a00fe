import { ScalarHistogram } from '../../core/api/events-api';
import { ChartDef, chartDefs, parseScalarGraphOptions } from './scalar-graph-options';
import {
  MAX_CHART_MARKS,
  buildChartFigure,
  legendName,
  smooth,
  strongestMarks,
  taskOrigins,
  xValues,
  zoomFromRelayout,
} from './scalar-traces';

const options = parseScalarGraphOptions({});
const tasks = [
  { id: 'a', displayName: 'A', color: '#ff0000', params: 'lr=0.1' },
  { id: 'b', displayName: 'B', color: '#00ff00', params: 'lr=0.01' },
];
const histogram: ScalarHistogram = {
  loss: {
    train: {
      a: { name: 'A', x: [0, 10, 20], y: [3, 2, 1], y_min: [2.5, 1, 0.5], y_max: [3.5, 9, 1.5], total: 30 },
      b: { name: 'B', x: [0, 10], y: [4, 3] },
    },
    val: { a: { name: 'A', x: [0], y: [5] } },
  },
};
const chart: ChartDef = { chartKey: 'mv:loss:train', title: 'loss / train', metrics: [{ metric: 'loss', variants: ['train'] }] };
type Trace = { name?: string; x: number[]; y: number[]; fill?: string; visible?: unknown; line: { color: string } };

describe('smooth', () => {
  it('is a debiased exponential moving average (hand-computed)', () => {
    // w = 0.5: s1 = 0.5·1 = 0.5 → 0.5/0.5 = 1; s2 = 0.25 + 0.5·3 = 1.75 → 1.75/0.75 = 2.3333…
    const [a, b] = smooth([1, 3], 0.5);
    expect(a).toBe(1);
    expect(b).toBeCloseTo(7 / 3, 12);
    expect(smooth([1, 3], 0)).toEqual([1, 3]);
    expect(smooth([2, NaN, 2], 0.9)).toEqual([2, NaN, 2]);
  });
});

describe('buildChartFigure', () => {
  it('draws, per task, an envelope band where y_min/y_max came and the mean line in the task colour', () => {
    const { figure, traceTaskIds, pointsLabel, seriesCount } = buildChartFigure(chart, histogram, tasks, options, null);
    const data = figure.data as Trace[];
    expect(seriesCount).toBe(2);
    expect(traceTaskIds).toEqual(['a', 'a', 'b']);
    expect(data[0].fill).toBe('toself');
    expect(data[0].x).toEqual([0, 10, 20, 20, 10, 0]);
    expect(data[0].y).toEqual([3.5, 9, 1.5, 0.5, 1, 2.5]);
    expect(data[1].y).toEqual([3, 2, 1]);
    expect(data[1].line.color).toBe('#ff0000');
    expect(data[2].fill).toBeUndefined();
    expect(data[1].name).toBe('A (lr=0.1)');
    expect(pointsLabel).toBe('5 of 32 points');
  });

  it('smooths the line, leaves hidden tasks out (the tab has one shared legend), and keeps the zoom window', () => {
    const hidden = { ...options, smoothing: 0.5, hiddenTasks: ['b'] };
    const { figure, pointsLabel, traceTaskIds } = buildChartFigure(chart, histogram, tasks, hidden, { range: [5, 15] });
    const data = figure.data as Trace[];
    expect(data[1].y[1]).toBeCloseTo((0.5 * 0.5 * 3 + 0.5 * 2) / 0.75, 12);
    expect(traceTaskIds).toEqual(['a', 'a']);
    expect(figure.layout?.showlegend).toBe(false);
    expect(figure.layout?.xaxis?.range).toEqual([5, 15]);
    expect(pointsLabel).toBe('3 of 30 points');
  });

  it('with the in-chart legend (full screen) keeps hidden tasks there, greyed out', () => {
    const hidden = { ...options, hiddenTasks: ['b'] };
    const { figure, traceTaskIds } = buildChartFigure(chart, histogram, tasks, hidden, null, true);
    expect(traceTaskIds).toEqual(['a', 'a', 'b']);
    expect((figure.data as Trace[])[2].visible).toBe('legendonly');
    expect(figure.layout?.showlegend).toBe(true);
  });

  it('reuses the envelope arrays when only the smoothing changes', () => {
    const first = buildChartFigure(chart, histogram, tasks, options, null).figure.data as Trace[];
    const second = buildChartFigure(chart, histogram, tasks, { ...options, smoothing: 0.9 }, null).figure.data as Trace[];
    expect(second[0].x).toBe(first[0].x);
    expect(second[0].y).toBe(first[0].y);
    expect(second[1].y).not.toBe(first[1].y);
  });

  it('tells Plotly the data changed (datarevision) when the smoothing, the series or the zoom change, not on a task toggle', () => {
    const revision = (figure: { layout?: Partial<{ datarevision: unknown }> }) => figure.layout?.datarevision;
    const plain = revision(buildChartFigure(chart, histogram, tasks, options, null).figure);
    expect(revision(buildChartFigure(chart, histogram, tasks, options, null).figure)).toBe(plain);
    // Full screen keeps a hidden task's trace (greyed in the legend): the same arrays, nothing to recompute.
    const lines = { ...options, smoothing: 0.5 };
    const shown = buildChartFigure(chart, histogram, tasks, lines, null, true, false).figure;
    expect(revision(buildChartFigure(chart, histogram, tasks, { ...lines, hiddenTasks: ['b'] }, null, true, false).figure)).toBe(
      revision(shown),
    );
    expect(revision(buildChartFigure(chart, histogram, tasks, { ...options, smoothing: 0.9 }, null).figure)).not.toBe(plain);
    const appended: ScalarHistogram = { loss: { train: { ...histogram['loss']['train'], a: { ...histogram['loss']['train']['a'] } } } };
    appended['loss']['train']['a'] = { ...appended['loss']['train']['a'], x: [...appended['loss']['train']['a'].x, 99] };
    expect(revision(buildChartFigure(chart, appended, tasks, options, null).figure)).not.toBe(plain);
    expect(revision(buildChartFigure(chart, histogram, tasks, options, { range: [5, 15] }).figure)).not.toBe(plain);
  });

  it('draws the bands of one colour as one trace beneath every line, and reuses it when only the smoothing changes', () => {
    const band = (lo: number) => ({ name: 'T', x: [0, 10], y: [lo + 1, lo + 2], y_min: [lo, lo + 1], y_max: [lo + 2, lo + 3] });
    const shared: ScalarHistogram = { loss: { train: { a: band(0), c: band(10), b: band(20) } } };
    const three = [tasks[0], { ...tasks[0], id: 'c', displayName: 'C' }, tasks[1]]; // a and c share red
    const { figure, traceTaskIds } = buildChartFigure(chart, shared, three, options, null);
    const data = figure.data as unknown as { fill?: string; x: (number | null)[]; y: (number | null)[] }[];
    expect(data.map((t) => t.fill ?? 'line')).toEqual(['toself', 'toself', 'line', 'line', 'line']);
    expect(data[0].x).toEqual([0, 10, 10, 0, null, 0, 10, 10, 0]);
    expect(data[0].y).toEqual([2, 3, 1, 0, null, 12, 13, 11, 10]);
    expect(data[1].y).toEqual([22, 23, 21, 20]);
    expect(traceTaskIds).toEqual(['', 'b', 'a', 'c', 'b']);
    const smoothed = buildChartFigure(chart, shared, three, { ...options, smoothing: 0.5 }, null).figure.data as Trace[];
    expect(smoothed[0].x as unknown).toBe(data[0].x);
    expect(smoothed[0].y as unknown).toBe(data[0].y);
    // The in-chart legend toggles a task with its band: there each task keeps its own.
    const legend = buildChartFigure(chart, shared, three, options, null, true).figure.data as Trace[];
    expect(legend.filter((t) => t.fill === 'toself').length).toBe(3);
  });

  it('puts the in-chart legend at the side, where it scrolls, when many tasks are compared', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ ...tasks[0], id: `t${i}` }));
    expect(buildChartFigure(chart, histogram, many, options, null, true).figure.layout?.legend?.orientation).toBe('v');
    expect(buildChartFigure(chart, histogram, tasks, options, null, true).figure.layout?.legend?.orientation).toBe('h');
  });

  it('works without the envelope and total extensions', () => {
    const { figure, pointsLabel } = buildChartFigure(
      chart,
      { loss: { train: { b: { name: 'B', x: [1], y: [2] } } } },
      tasks,
      options,
      null,
    );
    expect(figure.data.length).toBe(1);
    expect(pointsLabel).toBeNull();
  });

  it('names variants in the legend when grouped by metric', () => {
    const [byMetric] = chartDefs([{ metric: 'loss', variants: ['train', 'val'] }], 'metric', null);
    const { figure } = buildChartFigure(byMetric, histogram, tasks, { ...options, groupBy: 'metric' }, null);
    expect((figure.data as Trace[]).filter((t) => t.name).map((t) => t.name)).toEqual([
      'A · train (lr=0.1)',
      'B · train (lr=0.01)',
      'A · val (lr=0.1)',
    ]);
  });

  it('marks a spike the envelope keeps far from the line with a stem and a triangle at its extreme, above the lines', () => {
    const n = 40;
    const quiet = (i: number) => 0.4 + (i % 3) * 0.001;
    const spiky: ScalarHistogram = {
      loss: {
        train: {
          a: {
            name: 'A',
            x: Array.from({ length: n }, (_, i) => i * 10),
            y: Array.from({ length: n }, (_, i) => (i === 17 ? 2.86 : quiet(i))),
            y_min: Array.from({ length: n }, (_, i) => quiet(i) - 0.01),
            y_max: Array.from({ length: n }, (_, i) => (i === 17 ? 25 : quiet(i) + 0.01)),
          },
          b: {
            name: 'B',
            x: Array.from({ length: n }, (_, i) => i * 10),
            y: Array.from({ length: n }, (_, i) => 0.5 + (i % 2 ? 0.3 : -0.3)),
            y_min: Array.from({ length: n }, () => 0),
            y_max: Array.from({ length: n }, (_, i) => (i % 2 ? 2 : 1.5)),
          },
        },
      },
    };
    const { figure, traceTaskIds } = buildChartFigure(chart, spiky, tasks, options, null);
    const data = figure.data as (Trace & { mode?: string; marker?: { symbol?: string[] } })[];
    const marks = data.filter((t) => t.mode === 'markers');
    expect(marks.length).toBe(1);
    expect(marks[0].x).toEqual([170]);
    expect(marks[0].y).toEqual([25]);
    expect(marks[0].marker?.symbol).toEqual(['triangle-up']);
    const stem = data[data.indexOf(marks[0]) - 1];
    expect(stem.x).toEqual([170, 170, null as unknown as number]);
    expect(stem.y).toEqual([2.86, 25, null as unknown as number]);
    // Drawn after every line; without the in-chart legend they belong to no one task.
    expect(data.slice(data.indexOf(stem)).every((t) => t.fill === undefined && !t.name)).toBe(true);
    expect(traceTaskIds.slice(-2)).toEqual(['', '']);
    // Full screen (in-chart legend): each task's marks are its own, toggled with it.
    const full = buildChartFigure(chart, spiky, tasks, options, null, true);
    expect(full.traceTaskIds.slice(-2)).toEqual(['a', 'a']);
    // Left out of the first, band-less draw.
    const lines = buildChartFigure(chart, spiky, tasks, options, null, false, false).figure.data as { mode?: string }[];
    expect(lines.some((t) => t.mode === 'markers')).toBe(false);
  });
});

describe('tasks past the palette', () => {
  it('are told apart by their dash, or by markers where the chart dashes its variants', () => {
    const past = [{ id: 'a', displayName: 'A', color: '#ff0000', params: '', dash: 'dot' as const, symbol: 'square' as const }];
    type Styled = Trace & { mode?: string; line: { dash?: string }; marker?: { symbol?: string } };
    const [one] = buildChartFigure(chart, histogram, past, options, null, false, false).figure.data as Styled[];
    expect(one.mode).toBe('lines');
    expect(one.line.dash).toBe('dot');
    expect(one.marker).toBeUndefined();
    const both: ChartDef = { chartKey: 'm:loss', title: 'loss', metrics: [{ metric: 'loss', variants: ['train', 'val'] }] };
    const variants = buildChartFigure(both, histogram, past, options, null, false, false).figure.data as Styled[];
    expect(variants.map((t) => [t.mode, t.line.dash, t.marker?.symbol])).toEqual([
      ['lines+markers', 'solid', 'square'],
      ['lines+markers', 'dash', 'square'],
    ]);
  });
});

describe('spike marks of many tasks', () => {
  it('share a stem trace per colour and one triangle trace, each triangle in its task colour and named on hover', () => {
    const n = 40;
    const spikyAt = (at: number) => ({
      name: 'x',
      x: Array.from({ length: n }, (_, i) => i),
      y: Array.from({ length: n }, (_, i) => (i === at ? 1 : 0.4 + (i % 3) * 0.001)),
      y_min: Array.from({ length: n }, (_, i) => 0.39 + (i % 3) * 0.001),
      y_max: Array.from({ length: n }, (_, i) => (i === at ? 25 : 0.41 + (i % 3) * 0.001)),
    });
    const many = [
      { id: 'a', displayName: 'A', color: '#ff0000', params: '' },
      { id: 'b', displayName: 'B', color: '#00ff00', params: '' },
      { id: 'c', displayName: 'C', color: '#ff0000', params: '' },
    ];
    const histogram3: ScalarHistogram = { loss: { train: { a: spikyAt(10), b: spikyAt(20), c: spikyAt(30) } } };
    const data = buildChartFigure(chart, histogram3, many, options, null).figure.data as (Trace & {
      meta?: string;
      mode?: string;
      text?: string[];
      marker?: { color?: string[] };
    })[];
    const marks = data.filter((t) => t.meta === 'spike-mark');
    expect(marks.length).toBe(3);
    const stems = marks.filter((t) => t.mode === 'lines');
    expect(stems.map((t) => t.line.color).sort()).toEqual(['#00ff00', '#ff0000']);
    expect(stems.find((t) => t.line.color === '#ff0000')!.x).toEqual([
      10,
      10,
      null as unknown as number,
      30,
      30,
      null as unknown as number,
    ]);
    const [tips] = marks.filter((t) => t.mode === 'markers');
    expect(tips.x).toEqual([10, 20, 30]);
    expect(tips.y).toEqual([25, 25, 25]);
    expect(tips.marker?.color).toEqual(['#ff0000', '#00ff00', '#ff0000']);
    expect(tips.text).toEqual(['A', 'B', 'C']);
  });
});

describe('spike marks of a crowded chart', () => {
  it(`keep the ${MAX_CHART_MARKS} that depart furthest from their lines, whichever task they belong to`, () => {
    const n = 40;
    // Task t spikes at bucket 5 to 10 + t: the furthest marks are the last tasks'.
    const spikyTo = (top: number) => ({
      name: 'x',
      x: Array.from({ length: n }, (_, i) => i),
      y: Array.from({ length: n }, (_, i) => (i === 5 ? 1 : 0.4 + (i % 3) * 0.001)),
      y_min: Array.from({ length: n }, (_, i) => 0.39 + (i % 3) * 0.001),
      y_max: Array.from({ length: n }, (_, i) => (i === 5 ? top : 0.41 + (i % 3) * 0.001)),
    });
    const count = MAX_CHART_MARKS + 6;
    const many = Array.from({ length: count }, (_, t) => ({ id: `t${t}`, displayName: `T${t}`, color: '#ff0000', params: '' }));
    const histogramN: ScalarHistogram = { loss: { train: Object.fromEntries(many.map((task, t) => [task.id, spikyTo(10 + t)])) } };
    const data = buildChartFigure(chart, histogramN, many, options, null).figure.data as (Trace & {
      meta?: string;
      mode?: string;
      text?: string[];
    })[];
    const [tips] = data.filter((t) => t.meta === 'spike-mark' && t.mode === 'markers');
    expect(tips.text).toEqual(many.slice(6).map((task) => task.displayName));
    expect(tips.y).toEqual(many.slice(6).map((_, t) => 16 + t));
    // Full screen too: the tasks past the cut draw no mark trace at all.
    const full = buildChartFigure(chart, histogramN, many, options, null, true);
    const marked = new Set(full.traceTaskIds.filter((_, i) => (full.figure.data[i] as { meta?: string }).meta === 'spike-mark'));
    expect([...marked].sort()).toEqual(
      many
        .slice(6)
        .map((task) => task.id)
        .sort(),
    );
  });

  it('keep marks as long as the last one kept in chart order', () => {
    const series = (name: string, lengths: number[]) => ({
      marks: lengths.map((l, index) => ({ index, side: 'max' as const, value: l })),
      x: lengths.map((_, i) => i),
      line: lengths.map(() => 0),
      color: '#000000',
      name,
    });
    const kept = strongestMarks([series('a', [5, 3, 3]), series('b', [3, 9])], 3);
    expect(kept.map((s) => s.marks.map((m) => m.value))).toEqual([[5, 3], [9]]);
    expect(strongestMarks([series('a', [1, 2])], 3)[0].marks.length).toBe(2);
  });
});

describe('relative time', () => {
  const timed: ScalarHistogram = {
    loss: { train: { a: { name: 'A', x: [5000, 7000], y: [1, 2] }, b: { name: 'B', x: [1000, 4000], y: [1, 2] } } },
  };
  it('counts seconds from each task start, and a zoom keeps the starts it was made with', () => {
    const relative = { ...options, xAxis: 'relative' as const };
    expect(taskOrigins(chart, timed)).toEqual({ a: 5000, b: 1000 });
    const whole = buildChartFigure(chart, timed, tasks, relative, null).figure.data as Trace[];
    expect(whole.map((t) => t.x)).toEqual([
      [0, 2],
      [0, 3],
    ]);
    const zoomed = buildChartFigure(chart, timed, tasks, relative, { range: [1, 3], origins: { a: 3000, b: 0 } }).figure;
    expect((zoomed.data as Trace[]).map((t) => t.x)).toEqual([
      [2, 4],
      [1, 4],
    ]);
    expect(zoomed.layout?.xaxis?.range).toEqual([1, 3]);
  });
});

describe('chartDefs', () => {
  const metrics = [
    { metric: 'loss', variants: ['train', 'val'] },
    { metric: 'acc', variants: ['val'] },
  ];
  it('makes a chart per metric/variant or per metric, and leaves out unselected ones', () => {
    expect(chartDefs(metrics, 'metric-variant', null).length).toBe(3);
    expect(chartDefs(metrics, 'metric', null).length).toBe(2);
    expect(chartDefs(metrics, 'metric', ['loss:val'])).toEqual([
      { chartKey: 'm:loss', title: 'loss', metrics: [{ metric: 'loss', variants: ['val'] }] },
    ]);
  });
});

describe('legend, x values and zoom', () => {
  it('legend text has the differing hyperparameters', () => {
    expect(legendName(tasks[0], null)).toBe('A (lr=0.1)');
    expect(legendName({ ...tasks[0], params: '' }, 'val')).toBe('A · val');
  });
  it('relative time counts seconds from the series start', () => {
    expect(xValues({ name: '', x: [1000, 3000], y: [0, 0] }, 'relative')).toEqual([0, 2]);
  });
  it('reads zoom windows from Plotly relayout events', () => {
    expect(zoomFromRelayout({ 'xaxis.range[0]': 10.4, 'xaxis.range[1]': 2.2 }, 'iter')).toEqual([2, 11]);
    expect(zoomFromRelayout({ 'xaxis.autorange': true }, 'iter')).toBeNull();
    expect(zoomFromRelayout({ 'yaxis.range[0]': 1, 'yaxis.range[1]': 2 }, 'iter')).toBeUndefined();
    expect(zoomFromRelayout({ 'xaxis.range': ['2026-01-01 00:00:00', '2026-01-01 00:00:01'] }, 'wall')).toEqual([
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 0, 1, 0, 0, 1),
    ]);
  });
  it('parses options from the URL with defaults', () => {
    expect(parseScalarGraphOptions({ smooth: '5', group: 'metric', x: 'wall', log: '1', hide: 'a,b' })).toEqual({
      groupBy: 'metric',
      smoothing: 0.999,
      xAxis: 'wall',
      logY: true,
      hover: 'x',
      settings: 'shown',
      hiddenTasks: ['a', 'b'],
      shown: null,
      search: '',
      legendParams: null,
      band: 'std',
      minCount: 2,
      members: false,
    });
  });
});
