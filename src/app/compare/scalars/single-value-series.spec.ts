import { ScalarHistogram, SingleValueMetrics } from '../../core/api/events-api';
import { keysWithPoints, singleValueKeys, singleValueSuspects, withoutSingleValues } from './single-value-series';

const METRICS = [
  { metric: 'Summary', variants: ['score', 'best_epoch'] },
  { metric: 'loss', variants: ['train', 'val'] },
];

const SUMMARY: SingleValueMetrics = {
  tasks: [
    { task: 'a', task_name: 'A', values: [{ metric: 'Summary', variant: 'score', value: 0.9, timestamp: 1 }] },
    { task: 'b', task_name: 'B', values: [{ metric: 'Summary', variant: 'best_epoch', value: 7, timestamp: 1 }] },
  ],
};

describe('single-value series', () => {
  it('collects the keys every task reported as a single value', () => {
    expect([...singleValueKeys(SUMMARY)].sort()).toEqual(['Summary:best_epoch', 'Summary:score']);
    expect(singleValueKeys(null).size).toBe(0);
  });

  it('leaves series holding only single values out of the chart list, and metrics left empty with them', () => {
    const singles = singleValueKeys(SUMMARY);
    expect(withoutSingleValues(METRICS, singles)).toEqual([{ metric: 'loss', variants: ['train', 'val'] }]);
    expect(singleValueSuspects(METRICS, singles)).toEqual([{ metric: 'Summary', variants: ['score', 'best_epoch'] }]);
  });

  it('keeps a single-value series that also has points over iterations', () => {
    const histogram: ScalarHistogram = {
      Summary: {
        score: { a: { name: 'A', x: [1, 2], y: [0.5, 0.6] }, b: { name: 'B', x: [], y: [] } },
        best_epoch: { b: { name: 'B', x: [], y: [] } },
      },
    };
    const drawable = keysWithPoints(histogram);
    expect([...drawable]).toEqual(['Summary:score']);
    expect(withoutSingleValues(METRICS, singleValueKeys(SUMMARY), drawable)).toEqual([
      { metric: 'Summary', variants: ['score'] },
      { metric: 'loss', variants: ['train', 'val'] },
    ]);
  });

  it('changes nothing when the tasks have no single values', () => {
    expect(withoutSingleValues(METRICS, new Set())).toEqual(METRICS);
    expect(singleValueSuspects(METRICS, new Set())).toEqual([]);
  });
});
