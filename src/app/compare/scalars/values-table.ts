import { LastMetricValue, Task } from '../../core/api/models';
import { MetricVariant, metricKey, metricMatches } from './metric-keys';
import { naturalCompare } from '../../shared/natural-order';

export type ValueType = 'last' | 'min' | 'max';

export interface ValueCell {
  value: number | null;
  /** The iteration at which a min or max was reached (null for last values or when unknown). */
  iteration: number | null;
  /** Row extremes (every tied cell is marked). */
  isMax: boolean;
  isMin: boolean;
  /** Difference from the base task's value in this row; null when either side is missing. */
  delta: number | null;
  /** The difference in % of the base value; null when the base is 0 or missing. */
  deltaPercent: number | null;
}

export interface ValueRow extends MetricVariant {
  key: string;
  cells: ValueCell[];
}

function pick(entry: LastMetricValue | undefined, type: ValueType): { value: number | null; iteration: number | null } {
  if (!entry) return { value: null, iteration: null };
  const raw = type === 'last' ? entry.value : type === 'min' ? entry.min_value : entry.max_value;
  const iteration = type === 'min' ? entry.min_value_iteration : type === 'max' ? entry.max_value_iteration : undefined;
  const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  return { value, iteration: typeof iteration === 'number' ? iteration : null };
}

/** Every metric/variant in a task's `last_metrics`, keyed by `metricKey` (the hash keys are opaque). */
export function metricEntries(task: Task): Map<string, LastMetricValue> {
  const entries = new Map<string, LastMetricValue>();
  for (const variants of Object.values(task.last_metrics ?? {})) {
    for (const entry of Object.values(variants ?? {})) {
      if (entry && typeof entry.metric === 'string' && typeof entry.variant === 'string') entries.set(metricKey(entry), entry);
    }
  }
  return entries;
}

/**
 * The values table: a row per metric/variant any task reported (sorted by metric, then variant),
 * a cell per task in the order given (base first), with row extremes and the difference from the
 * first task (the base).
 */
export function buildValueRows(tasks: readonly Task[], type: ValueType): ValueRow[] {
  const perTask = tasks.map(metricEntries);
  const names = new Map<string, MetricVariant>();
  for (const entries of perTask) for (const [key, entry] of entries) names.set(key, { metric: entry.metric, variant: entry.variant });
  const sorted = [...names.entries()].sort(([, a], [, b]) => naturalCompare(a.metric, b.metric) || naturalCompare(a.variant, b.variant));
  return sorted.map(([key, name]) => {
    const picked = perTask.map((entries) => pick(entries.get(key), type));
    const values = picked.map((p) => p.value).filter((v): v is number => v !== null);
    const max = values.length > 1 ? Math.max(...values) : null;
    const min = values.length > 1 ? Math.min(...values) : null;
    const base = picked[0]?.value ?? null;
    return {
      ...name,
      key,
      cells: picked.map(({ value, iteration }) => ({
        value,
        iteration,
        isMax: value !== null && max !== null && max !== min && value === max,
        isMin: value !== null && min !== null && max !== min && value === min,
        delta: value !== null && base !== null ? value - base : null,
        deltaPercent: value !== null && base !== null && base !== 0 ? ((value - base) / Math.abs(base)) * 100 : null,
      })),
    };
  });
}

/** Rows a person chose to see: those whose key is selected (null: all) and whose name matches the search. */
export function filterRows<T extends MetricVariant & { key: string }>(
  rows: readonly T[],
  selected: readonly string[] | null,
  search: string,
): T[] {
  const chosen = selected ? new Set(selected) : null;
  return rows.filter((row) => (!chosen || chosen.has(row.key)) && metricMatches(row, search));
}

/** A value as the table shows it: compact, but the CSV and the tooltip keep full precision. */
export function formatValue(value: number | null): string {
  if (value === null) return '';
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e6) ? value.toExponential(4) : String(Number(value.toPrecision(6)));
}

export function formatDelta(cell: ValueCell): string {
  if (cell.delta === null) return '';
  const sign = cell.delta > 0 ? '+' : '';
  const percent = cell.deltaPercent === null ? '' : ` (${cell.deltaPercent > 0 ? '+' : ''}${cell.deltaPercent.toFixed(1)}%)`;
  return `${sign}${formatValue(cell.delta)}${percent}`;
}

/**
 * The CSV rows of exactly what the table shows: a header (metric, variant, a column per task by
 * display name) and a row per shown metric with full-precision numbers (or deltas when the
 * table shows differences from the base).
 */
export function valueTableCsvRows(
  rows: readonly ValueRow[],
  taskNames: readonly string[],
  showDelta: boolean,
): (string | number | null)[][] {
  return [
    ['metric', 'variant', ...taskNames],
    ...rows.map((row) => [
      row.metric,
      row.variant,
      ...row.cells.map((c, i) => (showDelta && i > 0 ? shortestDifference(c.value, row.cells[0]?.value ?? null) : c.value)),
    ]),
  ];
}

/**
 * `value - base` as the shortest decimal that reads back the same: the two numbers as written
 * (JavaScript's shortest form) subtracted digit by digit, so 0.9344 - 0.9 is 0.0344, where the
 * float subtraction carries binary noise (0.034399999999999986). Null when either side is missing.
 */
export function shortestDifference(value: number | null, base: number | null): number | null {
  if (value === null || base === null) return null;
  if (!Number.isFinite(value) || !Number.isFinite(base)) return value - base;
  const a = decimalOf(value);
  const b = decimalOf(base);
  const exponent = Math.min(a.exponent, b.exponent);
  const digits = a.digits * 10n ** BigInt(a.exponent - exponent) - b.digits * 10n ** BigInt(b.exponent - exponent);
  return Number(`${digits}e${exponent}`);
}

/** A finite number as the decimal JavaScript writes for it: `digits × 10^exponent`. */
function decimalOf(x: number): { digits: bigint; exponent: number } {
  const [mantissa, exp = '0'] = String(x).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  return { digits: BigInt(whole + fraction), exponent: Number(exp) - fraction.length };
}
