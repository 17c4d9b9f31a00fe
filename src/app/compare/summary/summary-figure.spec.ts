import { SingleValueMetrics } from '../../core/api/events-api';
import { buildSummaryFigure, plotText, summaryLabel, summaryLabels, summaryRows } from './summary-figure';

const response: SingleValueMetrics = {
  tasks: [
    {
      task: 'a',
      task_name: 'A',
      values: [
        { metric: 'Summary', variant: 'test_accuracy', value: 0.9, timestamp: 1 },
        { metric: 'Summary', variant: 'params_millions', value: 11.2, timestamp: 1 },
      ],
    },
    { task: 'b', task_name: 'B', values: [{ metric: 'Summary', variant: 'params_millions', value: 36.5, timestamp: 1 }] },
  ],
};
const tasks = [
  { id: 'b', displayName: 'B <b>x</b>', color: '#111111' },
  { id: 'a', displayName: 'A', color: '#222222' },
];

describe('summaryLabel', () => {
  it('names a single value by its variant under Summary, else metric / variant', () => {
    expect(summaryLabel('Summary', 'score')).toBe('score');
    expect(summaryLabel('loss', 'loss')).toBe('loss');
    expect(summaryLabel('eval', 'f1')).toBe('eval / f1');
    expect(summaryLabel('eval', '')).toBe('eval');
  });
});

describe('buildSummaryFigure', () => {
  it('makes a panel per metric with a bar per task, in comparison order and colour', () => {
    const figure = buildSummaryFigure(response, tasks)!;
    expect(summaryLabels(response)).toEqual(['params_millions', 'test_accuracy']);
    type Bar = {
      x: string[];
      y: (number | null)[];
      marker: { color: string };
      name: string;
      type: string;
      xaxis: string;
      yaxis: string;
      showlegend: boolean;
    };
    const bars = figure.data as Bar[];
    expect(bars.length).toBe(4);
    expect(bars.map((b) => [b.xaxis, b.yaxis, b.x[0], b.y[0]])).toEqual([
      ['x', 'y', 'params_millions', 36.5],
      ['x', 'y', 'params_millions', 11.2],
      ['x2', 'y2', 'test_accuracy', null],
      ['x2', 'y2', 'test_accuracy', 0.9],
    ]);
    expect(bars.map((b) => b.marker.color)).toEqual(['#111111', '#222222', '#111111', '#222222']);
    expect(bars[0].name).toBe('B &lt;b&gt;x&lt;/b&gt;');
    expect(bars.map((b) => b.showlegend)).toEqual([true, true, false, false]);
    expect(figure.layout?.barmode).toBe('group');
    expect(figure.layout?.['bargap']).toBe(0.2);
    expect(figure.layout?.grid).toEqual(jasmine.objectContaining({ rows: 1, columns: 2, pattern: 'independent' }));
    expect((figure.layout as Record<string, unknown>)['yaxis2']).toEqual(jasmine.objectContaining({ rangemode: 'tozero' }));
    // No vertical grid line through a chart's one bar group.
    for (const axis of ['xaxis', 'xaxis2'])
      expect((figure.layout as Record<string, unknown>)[axis]).toEqual(jasmine.objectContaining({ showgrid: false }));
  });

  it('wraps panels into rows of six', () => {
    expect(summaryRows(1)).toBe(1);
    expect(summaryRows(6)).toBe(1);
    expect(summaryRows(7)).toBe(2);
    const many: SingleValueMetrics = {
      tasks: [
        {
          task: 'a',
          task_name: 'A',
          values: Array.from({ length: 8 }, (_, i) => ({ metric: 'Summary', variant: `m${i}`, value: i, timestamp: 1 })),
        },
      ],
    };
    const figure = buildSummaryFigure(many, tasks)!;
    expect(figure.layout?.grid).toEqual(jasmine.objectContaining({ rows: 2, columns: 6 }));
  });

  it('with more tasks than colours, one group of thin bars takes nearly the whole panel', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `t${i}`);
    const response: SingleValueMetrics = {
      tasks: ids.map((task) => ({ task, task_name: task, values: [{ metric: 'Summary', variant: 'score', value: 1, timestamp: 1 }] })),
    };
    const figure = buildSummaryFigure(
      response,
      ids.map((id) => ({ id, displayName: id, color: '#111111' })),
    )!;
    expect(figure.layout?.['bargap']).toBeLessThan(0.1);
  });

  it('is null when no task reported a single value', () => {
    expect(buildSummaryFigure({ tasks: [{ task: 'a', task_name: 'A', values: [] }] }, tasks)).toBeNull();
    expect(buildSummaryFigure({ tasks: [] }, tasks)).toBeNull();
  });

  it('keeps task text out of Plotly markup and templates', () => {
    expect(plotText('a<br>&%{y}')).toBe('a&lt;br&gt;&amp;%\u200b{y}');
  });
});
