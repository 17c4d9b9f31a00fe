import { MeanDifference, holmAdjust, mean, std, welchTest } from '../../core/stats/stats';
import { MetricVariant } from './metric-keys';
import { ValueRow, formatValue } from './values-table';

/** The levels a difference can be judged at (`level=` in the URL): intervals at this level, significance below 1 − level after Holm's correction. */
export const CONFIDENCE_LEVELS = [0.9, 0.95, 0.99] as const;
export const CONFIDENCE = 0.95;

/** `95%` for 0.95. */
export const levelLabel = (level: number): string => `${Math.round(level * 100)}%`;

/** A group as the values table reads it. */
export interface ValueGroup {
  key: string;
  name: string;
  taskIds: readonly string[];
  isBase: boolean;
  color: string;
}

/** One group's values of one metric: the tasks that reported it. */
export interface GroupStats {
  n: number;
  mean: number | null;
  /** Sample standard deviation (null below two values). */
  std: number | null;
}

/** A group against the base group on one metric. */
export interface GroupComparison {
  /** Both sides have two values or more: Welch's test and the interval are known. */
  testable: boolean;
  test: MeanDifference;
  /** The p-value after Holm's correction over the metrics compared (NaN: no test). */
  pHolm: number;
  /** The interval excludes zero and the corrected p-value is below 1 − CONFIDENCE. */
  significant: boolean;
}

export interface GroupedValueRow extends MetricVariant {
  key: string;
  /** Per group, in the groups' order. */
  stats: GroupStats[];
  /** Per group: null for the base group, or when either side has no value. */
  comparisons: (GroupComparison | null)[];
}

/**
 * The grouped values table: for each row (metric/variant) of the per-task table, each group's
 * mean, sample standard deviation and count over the tasks that reported it, and each group
 * compared with the base group (the first): difference of means, its interval at `level` and Welch's
 * p-value, Holm-corrected over the rows compared for that group. `taskIds` are the ids of the
 * per-task rows' cells, in their order.
 */
export function buildGroupedRows(
  rows: readonly ValueRow[],
  taskIds: readonly string[],
  groups: readonly ValueGroup[],
  level = CONFIDENCE,
): GroupedValueRow[] {
  const column = new Map(taskIds.map((id, index) => [id, index]));
  const base = groups.findIndex((group) => group.isBase);
  const grouped = rows.map((row) => {
    const values = groups.map((group) =>
      group.taskIds.flatMap((id) => {
        const value = row.cells[column.get(id) ?? -1]?.value;
        return typeof value === 'number' ? [value] : [];
      }),
    );
    const stats = values.map((v) => ({ n: v.length, mean: v.length ? mean(v) : null, std: v.length > 1 ? std(v) : null }));
    const tests = values.map((v, index) =>
      index === base || base < 0 || !v.length || !values[base].length ? null : welchTest(values[base], v, level),
    );
    return { row, stats, tests };
  });
  // Holm over the metrics compared, one family per group.
  const adjusted = groups.map((_, index) => holmAdjust(grouped.map(({ tests }) => tests[index]?.p ?? NaN)));
  return grouped.map(({ row, stats, tests }, rowIndex) => ({
    metric: row.metric,
    variant: row.variant,
    key: row.key,
    stats,
    comparisons: tests.map((test, index) => {
      if (!test) return null;
      const pHolm = adjusted[index][rowIndex];
      const testable = !Number.isNaN(test.p);
      const excludesZero = test.interval[0] > 0 || test.interval[1] < 0;
      return { test, testable, pHolm, significant: testable && excludesZero && pHolm < 1 - level };
    }),
  }));
}

/** How many metrics each group was compared on (the Holm family size). */
export function comparedCounts(rows: readonly GroupedValueRow[], groupCount: number): number[] {
  return Array.from({ length: groupCount }, (_, index) => rows.filter((row) => row.comparisons[index]?.testable).length);
}

/** A spread to three significant digits (`0.00224`): more say nothing and push the cell's other numbers out of view. */
export function formatSpread(value: number): string {
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e6) ? value.toExponential(2) : String(Number(value.toPrecision(3)));
}

/** `0.912 ± 0.00224` (the std to three significant digits), or the mean alone for one value. */
export function formatMeanStd(stats: GroupStats): string {
  if (stats.mean === null) return '–';
  return stats.std === null ? formatValue(stats.mean) : `${formatValue(stats.mean)} ± ${formatSpread(stats.std)}`;
}

/** A p-value as tables print it. */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return '–';
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

const signed = (text: string) => (text.startsWith('-') || /^[0.]+$/.test(text) ? text : `+${text}`);

/**
 * The decimals an interval is printed with: two significant digits of its half-width (0.0034 → 4:
 * `[0.0128, 0.0196]`); null when that needs more than 8 (then the numbers' own short form).
 */
function intervalDecimals(interval: readonly [number, number]): number | null {
  const halfWidth = (interval[1] - interval[0]) / 2;
  if (!(halfWidth > 0) || !Number.isFinite(halfWidth)) return null;
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(halfWidth)));
  return decimals <= 8 ? decimals : null;
}

/**
 * `+0.0162 [0.0128, 0.0196] p=0.0031` (or `p < 0.0001`): the difference and its interval to the interval's own
 * precision (more digits are noise, and pushed the p-value out of the cell), or why there is no test.
 */
export function formatComparison(comparison: GroupComparison | null): string {
  if (!comparison) return '–';
  const { test } = comparison;
  if (!comparison.testable) {
    const difference = signed(formatValue(test.difference));
    return Number.isNaN(test.standardError)
      ? `${difference} (one task on a side: no test possible)`
      : `${difference} (no spread: no test possible)`;
  }
  const decimals = intervalDecimals(test.interval);
  const format = (value: number) => (decimals === null ? formatValue(value) : value.toFixed(decimals));
  const p = formatP(comparison.pHolm);
  return `${signed(format(test.difference))} [${format(test.interval[0])}, ${format(test.interval[1])}] p${p.startsWith('<') ? ' ' : '='}${p}`;
}

/**
 * The CSV rows of the grouped table: metric, variant, then per group its mean, std and n, and for
 * each group but the base the difference from the base group, its interval at `level`, Welch's p-value,
 * the Holm-corrected p-value and whether it is significant. Full precision.
 */
export function groupedCsvRows(
  rows: readonly GroupedValueRow[],
  groups: readonly ValueGroup[],
  level = CONFIDENCE,
): (string | number | null)[][] {
  const header: string[] = ['metric', 'variant'];
  for (const group of groups) {
    header.push(`${group.name} mean`, `${group.name} std`, `${group.name} n`);
    if (!group.isBase) {
      header.push(
        `${group.name} diff from base`,
        `${group.name} ${levelLabel(level)} CI low`,
        `${group.name} ${levelLabel(level)} CI high`,
        `${group.name} Welch p`,
        `${group.name} p (Holm)`,
        `${group.name} significant`,
      );
    }
  }
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return [
    header,
    ...rows.map((row) => {
      const cells: (string | number | null)[] = [row.metric, row.variant];
      groups.forEach((group, index) => {
        const stats = row.stats[index];
        cells.push(stats.mean, stats.std, stats.n);
        if (group.isBase) return;
        const comparison = row.comparisons[index];
        if (!comparison) cells.push(null, null, null, null, null, null);
        else {
          const { test } = comparison;
          cells.push(
            test.difference,
            finite(test.interval[0]),
            finite(test.interval[1]),
            finite(test.p),
            finite(comparison.pHolm),
            comparison.testable ? (comparison.significant ? 'yes' : 'no') : null,
          );
        }
      });
      return cells;
    }),
  ];
}
