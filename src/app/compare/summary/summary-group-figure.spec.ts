import { SingleValueMetrics } from '../../core/api/events-api';
import { barText, buildGroupedSummaryFigure, errorBarColor } from './summary-group-figure';

type Bar = {
  name: string;
  x: string[];
  y: number[];
  error_y: { array: (number | null)[]; visible: boolean; color: string };
  customdata: number[][];
  hovertemplate: string;
  text: string[];
};

const response: SingleValueMetrics = {
  tasks: [
    { task: 'a', task_name: 'A', values: [{ metric: 'Summary', variant: 'acc', value: 0.9, timestamp: 0 }] },
    { task: 'b', task_name: 'B', values: [{ metric: 'Summary', variant: 'acc', value: 0.8, timestamp: 0 }] },
    { task: 'c', task_name: 'C', values: [{ metric: 'Summary', variant: 'acc', value: 0.4, timestamp: 0 }] },
    { task: 'd', task_name: 'D', values: [{ metric: 'Summary', variant: 'acc', value: 0.5, timestamp: 0 }] },
  ],
};

describe('buildGroupedSummaryFigure', () => {
  it('draws a bar per group at the mean of its tasks, with ± one standard deviation and n', () => {
    const figure = buildGroupedSummaryFigure(response, [
      { key: 'g1', name: 'lr=0.1', color: '#ff0000', taskIds: ['a', 'b', 'c'] },
      { key: 'g2', name: 'lr=0.2', color: '#00ff00', taskIds: ['d'] },
    ])!;
    const bars = figure.data as unknown as Bar[];
    expect(bars.length).toBe(2);
    const values = [0.9, 0.8, 0.4];
    const m = values.reduce((a, b) => a + b) / 3;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / 2);
    expect(bars[0].x).toEqual(['acc']);
    expect(bars[0].y[0]).toBeCloseTo(m, 12);
    expect(bars[0].error_y.array[0]!).toBeCloseTo(sd, 12);
    expect(bars[0].customdata[0][0]).toBe(3);
    expect(bars[0].name).toContain('n=3');
    expect(bars[0].hovertemplate).toContain('± %{customdata[1]');
    expect(bars[0].hovertemplate).toContain('n=%{customdata[0]}');
    // One task: its value, and no error bar (nor a spread in the hover).
    expect(bars[1].y[0]).toBe(0.5);
    expect(bars[1].error_y.visible).toBe(false);
    expect(bars[1].hovertemplate).not.toContain('±');
    // Written on the bars: mean ± std, or the value alone.
    expect(bars[0].text).toEqual([`${Number(m.toPrecision(4))} ± ${Number(sd.toPrecision(2))}`]);
    expect(bars[1].text).toEqual(['0.5']);
    expect(barText(0.92819999, 0.00238747)).toBe('0.9282 ± 0.0024');
  });

  it('draws the error bars in the page’s text colour, so they show on a dark background too', () => {
    const groups = [{ key: 'g1', name: 'lr=0.1', color: '#ff0000', taskIds: ['a', 'b'] }];
    const light = buildGroupedSummaryFigure(response, groups)!.data as unknown as Bar[];
    const dark = buildGroupedSummaryFigure(response, groups, { dark: true })!.data as unknown as Bar[];
    expect(light[0].error_y.color).toBe(errorBarColor(false));
    expect(dark[0].error_y.color).toBe(errorBarColor(true));
    expect(errorBarColor(true)).not.toBe(errorBarColor(false));
  });

  it('is null when no task reported a single value', () => {
    expect(buildGroupedSummaryFigure({ tasks: [] }, [{ key: 'g', name: 'all tasks', color: '#000000', taskIds: ['a'] }])).toBeNull();
  });
});
