import { naturalCompare } from '../../../shared/natural-order';

/** Text shown for tasks that have no value on an axis. */
export const NA = 'N/A';

export type AxisKind = 'numeric' | 'log' | 'categorical';
export type LogMode = 'auto' | 'on' | 'off';

/**
 * One axis over the tasks: the plotted position of each task's value, and the ticks that name
 * positions with real values. Categorical values get positions 0..k-1 in sorted order; log axes
 * plot log10 of the value (ticks show the real values); missing values sit on an "N/A" tick below
 * the others.
 */
export interface Axis {
  kind: AxisKind;
  positions: number[];
  tickvals: number[];
  ticktext: string[];
  range: [number, number];
  /** Position of the N/A tick, when some task has no value. */
  naPosition: number | null;
}

const MAX_LISTED_TICKS = 10;

export function isNumeric(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

/** Whether positive values spread over orders of magnitude (a learning rate grid, say: max/min ≥ 20). */
export function spansDecades(values: readonly number[]): boolean {
  if (values.length < 2 || values.some((v) => v <= 0)) return false;
  return Math.max(...values) / Math.min(...values) >= 20;
}

export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(4)));
}

function numericTicks(min: number, max: number): number[] {
  if (min === max) return [min];
  const step = (max - min) / 4;
  return [0, 1, 2, 3, 4].map((i) => min + step * i);
}

/** Builds an axis from each task's raw value (text or number; null when missing). */
export function buildAxis(raw: readonly (string | number | null)[], log: LogMode = 'auto'): Axis {
  const present = raw.filter((v): v is string | number => v !== null);
  const numeric = present.length > 0 && present.every((v) => (typeof v === 'number' ? Number.isFinite(v) : isNumeric(v)));
  const hasNa = present.length < raw.length;
  if (!numeric)
    return categoricalAxis(
      raw.map((v) => (v === null ? null : String(v))),
      hasNa,
    );

  const numbers = raw.map((v) => (v === null ? null : Number(v)));
  const values = numbers.filter((v): v is number => v !== null);
  const positive = values.every((v) => v > 0);
  const useLog = positive && (log === 'on' || (log === 'auto' && spansDecades(values)));
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const toPos = (v: number) => (useLog ? Math.log10(v) : v);
  const lo = toPos(distinct[0]);
  const hi = toPos(distinct[distinct.length - 1]);
  const span = hi - lo || Math.abs(hi) || 1;
  const naPosition = hasNa ? lo - span * 0.15 : null;
  let tickvals: number[];
  let ticktext: string[];
  if (distinct.length <= MAX_LISTED_TICKS) {
    tickvals = distinct.map(toPos);
    ticktext = distinct.map(formatNumber);
  } else if (useLog) {
    const decades: number[] = [];
    for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) decades.push(e);
    tickvals = decades;
    ticktext = decades.map((e) => formatNumber(10 ** e));
  } else {
    tickvals = numericTicks(lo, hi);
    ticktext = tickvals.map(formatNumber);
  }
  if (naPosition !== null) {
    tickvals = [naPosition, ...tickvals];
    ticktext = [NA, ...ticktext];
  }
  const bottom = Math.min(naPosition ?? lo, ...tickvals);
  const top = Math.max(hi, ...tickvals);
  const pad = (top - bottom || 1) * 0.02;
  return {
    kind: useLog ? 'log' : 'numeric',
    positions: numbers.map((v) => (v === null ? (naPosition as number) : toPos(v))),
    tickvals,
    ticktext,
    range: [bottom - pad, top + pad],
    naPosition,
  };
}

function categoricalAxis(raw: readonly (string | null)[], hasNa: boolean): Axis {
  const categories = [...new Set(raw.filter((v): v is string => v !== null))].sort(naturalCompare);
  const index = new Map(categories.map((c, i) => [c, i]));
  const naPosition = hasNa ? -1 : null;
  const tickvals = [...(hasNa ? [-1] : []), ...categories.map((_, i) => i)];
  const ticktext = [...(hasNa ? [NA] : []), ...categories];
  return {
    kind: 'categorical',
    positions: raw.map((v) => (v === null ? -1 : (index.get(v) as number))),
    tickvals,
    ticktext,
    range: [hasNa ? -1.3 : -0.3, Math.max(categories.length - 1, 0) + 0.3],
    naPosition,
  };
}

/** The text a tick shows for a task's position (for tests and hover text). */
export function labelAt(axis: Axis, position: number): string | undefined {
  const i = axis.tickvals.indexOf(position);
  return i >= 0 ? axis.ticktext[i] : undefined;
}
