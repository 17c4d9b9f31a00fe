import { SingleValueMetrics } from '../../core/api/events-api';
import { buildSummaryFigure, plotText, summaryLabel, summaryLabels } from './summary-figure';

const response: SingleValueMetrics = {
  tasks: [
    { task: 'a', task_name: 'A', values: [
      { metric: 'Summary', variant: 'test_accuracy', value: 0.9, timestamp: 1 },
      { metric: 'Summary', variant: 'params_millions', value: 11.2, timestamp: 1 },
    ] },
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
  it('makes a cluster per metric and a bar trace per task, in comparison order and colour', () => {
    const figure = buildSummaryFigure(response, tasks)!;
    expect(summaryLabels(response)).toEqual(['params_millions', 'test_accuracy']);
    expect(figure.data.length).toBe(2);
    const [first, second] = figure.data as { x: string[]; y: (number | null)[]; marker: { color: string }; name: string; type: string }[];
    expect(first.type).toBe('bar');
    expect(first.x).toEqual(['params_millions', 'test_accuracy']);
    expect(first.y).toEqual([36.5, null]);
    expect(first.marker.color).toBe('#111111');
    expect(first.name).toBe('B &lt;b&gt;x&lt;/b&gt;');
    expect(second.y).toEqual([11.2, 0.9]);
    expect(figure.layout?.barmode).toBe('group');
  });

  it('is null when no task reported a single value', () => {
    expect(buildSummaryFigure({ tasks: [{ task: 'a', task_name: 'A', values: [] }] }, tasks)).toBeNull();
    expect(buildSummaryFigure({ tasks: [] }, tasks)).toBeNull();
  });

  it('keeps task text out of Plotly markup and templates', () => {
    expect(plotText('a<br>&%{y}')).toBe('a&lt;br&gt;&amp;%\u200b{y}');
  });
});
