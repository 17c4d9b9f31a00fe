import {
  buildGroupedRows,
  comparedCounts,
  formatComparison,
  formatMeanStd,
  formatSpread,
  groupedCsvRows,
  GroupComparison,
  ValueGroup,
} from './grouped-values';
import { ValueRow } from './values-table';

/** Student's sleep data (R's `sleep`): R's t.test gives t = -1.8608, df = 17.776, p = 0.07939, 95% CI [-3.3654832, 0.2054832]. */
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

const baseIds = SLEEP_2.map((_, i) => `b${i}`);
const otherIds = SLEEP_1.map((_, i) => `o${i}`);
const TASK_IDS = [...baseIds, ...otherIds, 'alone'];

function row(metric: string, values: (number | null)[]): ValueRow {
  return {
    metric,
    variant: 'v',
    key: `${metric}/v`,
    cells: values.map((value) => ({ value, iteration: null, isMax: false, isMin: false, delta: null, deltaPercent: null })),
  };
}

const GROUPS: ValueGroup[] = [
  { key: 'base', name: 'drug=2', taskIds: baseIds, isBase: true, color: '#000' },
  { key: 'other', name: 'drug=1', taskIds: otherIds, isBase: false, color: '#111' },
  { key: 'alone', name: 'drug=3', taskIds: ['alone'], isBase: false, color: '#222' },
];

describe('grouped values', () => {
  const rows = buildGroupedRows(
    [
      row('a', [...SLEEP_2, ...SLEEP_1, 5]),
      row('b', [...SLEEP_2, ...SLEEP_1, null]),
      row('c', [...SLEEP_2, ...SLEEP_1.map(() => null), 1]),
    ],
    TASK_IDS,
    GROUPS,
  );

  it('gives each group its mean, sample std and count over the tasks that reported the metric', () => {
    expect(rows[0].stats[0].mean).toBeCloseTo(2.33, 12);
    expect(rows[0].stats[1].mean).toBeCloseTo(0.75, 12);
    expect(rows[0].stats[1].std).toBeCloseTo(1.78901, 5);
    expect(rows[0].stats[2]).toEqual({ n: 1, mean: 5, std: null });
    expect(rows[2].stats[1]).toEqual({ n: 0, mean: null, std: null });
  });

  it("compares each group with the base by Welch's test (R's t.test on the sleep data), Holm over the metrics compared", () => {
    const [a, b, c] = rows.map((r) => r.comparisons[1]);
    expect(a!.test.difference).toBeCloseTo(-1.58, 10);
    expect(a!.test.interval[0]).toBeCloseTo(-3.3654832, 6);
    expect(a!.test.interval[1]).toBeCloseTo(0.2054832, 6);
    expect(a!.test.p).toBeCloseTo(0.07939, 5);
    // Two metrics with the same p: Holm multiplies the smaller by 2, the other by 1 and keeps them monotone.
    expect(a!.pHolm).toBeCloseTo(2 * 0.0793941, 6);
    expect(b!.pHolm).toBeCloseTo(2 * 0.0793941, 6);
    expect(a!.significant).toBeFalse();
    expect(c).toBeNull();
    expect(comparedCounts(rows, 3)).toEqual([0, 2, 0]);
  });

  it('says no test is possible with one task on a side, and keeps the base group without a comparison', () => {
    const alone = rows[0].comparisons[2]!;
    expect(alone.testable).toBeFalse();
    expect(alone.test.difference).toBeCloseTo(5 - 2.33, 12);
    expect(formatComparison(alone)).toContain('no test possible');
    expect(rows[0].comparisons[0]).toBeNull();
  });

  it('marks a difference significant when the interval excludes zero after the correction', () => {
    const shifted = buildGroupedRows([row('a', [...SLEEP_2, ...SLEEP_2.map((v) => v + 10), null])], TASK_IDS, GROUPS);
    const comparison = shifted[0].comparisons[1]!;
    expect(comparison.test.interval[0]).toBeGreaterThan(0);
    expect(comparison.significant).toBeTrue();
    expect(formatComparison(comparison)).toMatch(/^\+10\.\d+ \[\d+\.\d+, \d+\.\d+\] p < 0\.0001$/);
  });

  it('writes mean ± std, and a CSV with mean, std and n per group and the comparison columns', () => {
    // std 2.002: three significant digits, trailing zeros dropped.
    expect(formatMeanStd(rows[0].stats[0])).toBe('2.33 ± 2');
    expect(formatMeanStd(rows[0].stats[2])).toBe('5');
    const csv = groupedCsvRows(rows, GROUPS);
    expect(csv[0].slice(0, 8)).toEqual([
      'metric',
      'variant',
      'drug=2 mean',
      'drug=2 std',
      'drug=2 n',
      'drug=1 mean',
      'drug=1 std',
      'drug=1 n',
    ]);
    expect(csv[0]).toContain('drug=1 p (Holm)');
    expect(csv[1].length).toBe(csv[0].length);
    const column = (name: string) => csv[1][csv[0].indexOf(name)] as number;
    expect(column('drug=1 n')).toBe(10);
    expect(column('drug=1 diff from base')).toBeCloseTo(-1.58, 10);
    expect(column('drug=1 significant')).toBe('no' as unknown as number);
    expect(column('drug=3 Welch p')).toBeNull();
  });

  it('judges at the chosen level: a 90% interval (R: t.test(..., conf.level = 0.9) gives [-3.0533, -0.1067]) that excludes zero is not enough while the Holm p is above 0.10', () => {
    const at90 = buildGroupedRows([row('a', [...SLEEP_2, ...SLEEP_1, 5]), row('b', [...SLEEP_2, ...SLEEP_1, null])], TASK_IDS, GROUPS, 0.9);
    const a = at90[0].comparisons[1]!;
    expect(a.test.interval[0]).toBeCloseTo(-3.0533, 3);
    expect(a.test.interval[1]).toBeCloseTo(-0.1067, 3);
    expect(a.pHolm).toBeCloseTo(2 * 0.0793941, 6);
    expect(a.significant).toBeFalse();
    // One metric only: p = 0.079 < 0.10 and the interval excludes zero.
    const single = buildGroupedRows([row('a', [...SLEEP_2, ...SLEEP_1, 5])], TASK_IDS, GROUPS, 0.9);
    expect(single[0].comparisons[1]!.significant).toBeTrue();
    expect(buildGroupedRows([row('a', [...SLEEP_2, ...SLEEP_1, 5])], TASK_IDS, GROUPS)[0].comparisons[1]!.significant).toBeFalse();
    expect(groupedCsvRows(single, GROUPS, 0.9)[0]).toContain('drug=1 90% CI low');
  });

  it('prints the difference and its interval to the interval’s precision, and the spread to three digits, so the p-value stays in the cell', () => {
    // R's sleep data: difference -1.58, 95% CI [-3.3654832, 0.2054832] (half-width 1.8: one decimal).
    const sleep = rows[0].comparisons[1]!;
    expect(formatComparison(sleep)).toMatch(/^-1\.6 \[-3\.4, 0\.2\] p=0\.\d{4}$/);
    const study = (difference: number, interval: [number, number]): GroupComparison => ({
      testable: true,
      test: { difference, standardError: 0.001, t: 10, df: 8, p: 0.00002, interval, level: 0.95 },
      pHolm: 0.00006,
      significant: true,
    });
    expect(formatComparison(study(0.0162, [0.0128241, 0.0195759]))).toBe('+0.0162 [0.0128, 0.0196] p < 0.0001');
    expect(formatComparison(study(-0.039, [-0.0460889, -0.0319111]))).toBe('-0.0390 [-0.0461, -0.0319] p < 0.0001');
    expect(formatComparison(study(1250, [800.4, 1699.6]))).toBe('+1250 [800, 1700] p < 0.0001');
    expect(formatSpread(0.00223607)).toBe('0.00224');
    expect(formatSpread(12.3456)).toBe('12.3');
    expect(formatSpread(0.0000123456)).toBe('1.23e-5');
  });
});
