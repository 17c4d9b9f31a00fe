import { Task } from '../../core/api/models';
import { buildValueRows, filterRows, formatDelta, shortestDifference, valueTableCsvRows } from './values-table';

function task(
  id: string,
  metrics: { metric: string; variant: string; value: number; min: number; minIt: number; max: number; maxIt: number }[],
): Task {
  const last_metrics: Task['last_metrics'] = {};
  metrics.forEach((m, i) => {
    last_metrics[`h${i}${m.metric}`] = {
      [`v${i}`]: {
        metric: m.metric,
        variant: m.variant,
        value: m.value,
        min_value: m.min,
        min_value_iteration: m.minIt,
        max_value: m.max,
        max_value_iteration: m.maxIt,
      },
    };
  });
  return { id, name: id, status: 'completed', type: 'training', last_metrics };
}

const base = task('base', [
  { metric: 'loss', variant: 'train', value: 0.5, min: 0.4, minIt: 90, max: 2, maxIt: 0 },
  { metric: 'accuracy', variant: 'val', value: 0.8, min: 0.1, minIt: 0, max: 0.85, maxIt: 80 },
]);
const other = task('other', [
  { metric: 'loss', variant: 'train', value: 0.25, min: 0.2, minIt: 95, max: 2, maxIt: 1 },
  { metric: 'accuracy', variant: 'val', value: 0.9, min: 0.1, minIt: 0, max: 0.9, maxIt: 99 },
]);
const third = task('third', [{ metric: 'loss', variant: 'train', value: 0.25, min: 0.3, minIt: 10, max: 3, maxIt: 2 }]);

describe('buildValueRows', () => {
  it('makes a row per metric/variant, sorted, with a cell per task in order', () => {
    const rows = buildValueRows([base, other, third], 'last');
    expect(rows.map((r) => `${r.metric}/${r.variant}`)).toEqual(['accuracy/val', 'loss/train']);
    expect(rows[1].cells.map((c) => c.value)).toEqual([0.5, 0.25, 0.25]);
    expect(rows[0].cells.map((c) => c.value)).toEqual([0.8, 0.9, null]);
  });

  it('reads min and max values with the iteration they were reached at', () => {
    const min = buildValueRows([base, other], 'min')[1];
    expect(min.cells.map((c) => [c.value, c.iteration])).toEqual([
      [0.4, 90],
      [0.2, 95],
    ]);
    const max = buildValueRows([base, other], 'max')[0];
    expect(max.cells.map((c) => [c.value, c.iteration])).toEqual([
      [0.85, 80],
      [0.9, 99],
    ]);
  });

  it('marks row extremes, every tied cell, and none when all values are equal', () => {
    const last = buildValueRows([base, other, third], 'last')[1];
    expect(last.cells.map((c) => c.isMax)).toEqual([true, false, false]);
    expect(last.cells.map((c) => c.isMin)).toEqual([false, true, true]);
    const equal = buildValueRows([base, other], 'min')[0];
    expect(equal.cells.some((c) => c.isMin || c.isMax)).toBeFalse();
  });

  it('computes the difference from the base task, absolute and in %', () => {
    const cells = buildValueRows([base, other, third], 'last')[1].cells;
    expect(cells.map((c) => c.delta)).toEqual([0, -0.25, -0.25]);
    expect(cells.map((c) => c.deltaPercent)).toEqual([0, -50, -50]);
    expect(formatDelta(cells[1])).toBe('-0.25 (-50.0%)');
    expect(buildValueRows([base, other, third], 'last')[0].cells[2].delta).toBeNull();
  });
});

describe('filterRows', () => {
  const rows = buildValueRows([base, other], 'last');
  it('keeps the selected rows that match the search', () => {
    expect(filterRows(rows, null, 'LOSS').map((r) => r.metric)).toEqual(['loss']);
    expect(filterRows(rows, [rows[0].key], '').map((r) => r.metric)).toEqual(['accuracy']);
    expect(filterRows(rows, [], '')).toEqual([]);
  });
});

describe('valueTableCsvRows', () => {
  it('holds the header by task name and the values (or deltas) at full precision', () => {
    const rows = buildValueRows([base, other], 'last');
    expect(valueTableCsvRows(rows, ['A', 'B'], false)).toEqual([
      ['metric', 'variant', 'A', 'B'],
      ['accuracy', 'val', 0.8, 0.9],
      ['loss', 'train', 0.5, 0.25],
    ]);
    expect(valueTableCsvRows(rows, ['A', 'B'], true)[2]).toEqual(['loss', 'train', 0.5, -0.25]);
    // 0.9 - 0.8 is 0.09999999999999998 in floating point; the CSV says 0.1.
    expect(valueTableCsvRows(rows, ['A', 'B'], true)[1]).toEqual(['accuracy', 'val', 0.8, 0.1]);
  });
});

describe('shortestDifference', () => {
  it('writes the difference of the numbers as written, without float noise', () => {
    expect(0.9344 - 0.9).not.toBe(0.0344);
    expect(shortestDifference(0.9344, 0.9)).toBe(0.0344);
    expect(shortestDifference(0.3, 0.1)).toBe(0.2);
    expect(shortestDifference(-1.7, 2.5)).toBe(-4.2);
    expect(shortestDifference(1e-9, 3e-10)).toBe(7e-10);
    expect(shortestDifference(1.5e21, 2)).toBe(1.5e21 - 2);
    expect(shortestDifference(5, 5)).toBe(0);
    expect(shortestDifference(null, 1)).toBeNull();
    expect(shortestDifference(1, null)).toBeNull();
  });

  it('keeps every digit a tiny difference needs and stays within rounding of the float difference', () => {
    expect(shortestDifference(1.0000000000009095, 1)).toBe(9.095e-13);
    for (const [a, b] of [
      [1 + 2 ** -40, 1],
      [0.123456789012, 0.1],
      [123456.789, 0.001],
      [0.5, 0.25],
      [-3.3e-7, 1.1e-7],
    ]) {
      const delta = shortestDifference(a, b)!;
      expect(Math.abs(delta - (a - b))).toBeLessThanOrEqual(Math.max(Math.abs(a), Math.abs(b)) * 1e-15);
      expect(String(delta).length).toBeLessThanOrEqual(String(a - b).length);
    }
  });
});
