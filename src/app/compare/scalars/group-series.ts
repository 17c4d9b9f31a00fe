import { ScalarSeries } from '../../core/api/events-api';
import { studentTQuantile } from '../../core/stats/stats';

/** The spread drawn around a group's mean: ± one standard deviation, min–max of the members, or a 95% confidence interval. */
export type GroupBand = 'std' | 'minmax' | 'ci';

/** One member of a group: its x values (already on the chart's axis) and its series. */
export interface GroupMember {
  x: readonly number[];
  series: ScalarSeries;
}

/**
 * A group's series on a shared x grid. At each x: the mean of the members that have a value there,
 * the band's low and high, how many members count (`n`), and the members' envelope (the lowest
 * and highest value any member reported in that stretch, spikes included). Where fewer than the
 * minimum count have values, `mean`, `low` and `high` are NaN (a gap); the envelope stays.
 */
export interface GroupSeries {
  x: number[];
  mean: number[];
  low: number[];
  high: number[];
  n: number[];
  envelopeLow: number[];
  envelopeHigh: number[];
}

/** The two-sided 95% Student t quantile by degrees of freedom (a bisection each: computed once). */
const T95 = new Map<number, number>();
function t95(df: number): number {
  let t = T95.get(df);
  if (t === undefined) T95.set(df, (t = studentTQuantile(0.975, df)));
  return t;
}

/** A member's value at `x`: its own point there, or the line between its neighbours; NaN outside its range. */
function valueAt(x: readonly number[], y: readonly number[], at: number, hint: { i: number }): number {
  const last = x.length - 1;
  if (last < 0 || at < x[0] || at > x[last]) return NaN;
  let i = hint.i;
  while (i < last && x[i + 1] <= at) i++;
  hint.i = i;
  if (x[i] === at || i === last) return x[i] === at ? y[i] : NaN;
  const t = (at - x[i]) / (x[i + 1] - x[i]);
  return y[i] + t * (y[i + 1] - y[i]);
}

/** Sorted distinct x values of all members. */
function unionX(members: readonly GroupMember[]): number[] {
  const all: number[] = [];
  for (const { x } of members) for (const v of x) if (Number.isFinite(v)) all.push(v);
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of all) if (!out.length || out[out.length - 1] !== v) out.push(v);
  return out;
}

/**
 * The grid's points: every distinct x when there are at most `maxPoints`, else the first x of
 * each of `maxPoints` equal stretches of the distinct x values.
 */
function grid(xs: readonly number[], maxPoints: number): number[] {
  if (xs.length <= maxPoints) return [...xs];
  const x: number[] = [];
  for (let b = 0; b < maxPoints; b++) x.push(xs[Math.floor((b * xs.length) / maxPoints)]);
  return x;
}

/**
 * Mean and spread of a group's members, aligned by x (iterations, or seconds from each member's
 * start): each member counts at the x values within its own range, read from its points (a point
 * of its own, or the line between the two around it), so members with unequal lengths or other
 * downsampling buckets still line up. No member's spike is lost: the envelope takes every
 * member's points (and their `y_min`/`y_max` when the server sent them) into the stretch of the
 * grid they fall in. `minCount` (at least 1): fewer members than that at an x leave a gap.
 * Non-finite member values are skipped.
 */
export function aggregateGroup(members: readonly GroupMember[], band: GroupBand, minCount = 2, maxPoints = 2000): GroupSeries {
  const need = Math.max(1, Math.floor(minCount));
  const x = grid(unionX(members), Math.max(2, maxPoints));
  const size = x.length;
  const mean = new Array<number>(size).fill(NaN);
  const low = new Array<number>(size).fill(NaN);
  const high = new Array<number>(size).fill(NaN);
  const n = new Array<number>(size).fill(0);
  const envelopeLow = new Array<number>(size).fill(Infinity);
  const envelopeHigh = new Array<number>(size).fill(-Infinity);
  // Per grid point: running mean and sum of squared deviations (Welford), the members' min and max.
  const runMean = new Float64Array(size);
  const m2 = new Float64Array(size);
  const min = new Float64Array(size).fill(Infinity);
  const max = new Float64Array(size).fill(-Infinity);
  for (const { x: mx, series } of members) {
    const hint = { i: 0 };
    for (let g = 0; g < size; g++) {
      const v = valueAt(mx, series.y, x[g], hint);
      if (!Number.isFinite(v)) continue;
      const count = ++n[g];
      const delta = v - runMean[g];
      runMean[g] += delta / count;
      m2[g] += delta * (v - runMean[g]);
      if (v < min[g]) min[g] = v;
      if (v > max[g]) max[g] = v;
    }
    // The envelope: each of the member's points into the grid stretch it falls in.
    let g = 0;
    for (let i = 0; i < mx.length; i++) {
      const at = mx[i];
      if (!Number.isFinite(at)) continue;
      while (g + 1 < size && x[g + 1] <= at) g++;
      const lo = Math.min(series.y[i], series.y_min?.[i] ?? Infinity);
      const hi = Math.max(series.y[i], series.y_max?.[i] ?? -Infinity);
      if (Number.isFinite(lo) && lo < envelopeLow[g]) envelopeLow[g] = lo;
      if (Number.isFinite(hi) && hi > envelopeHigh[g]) envelopeHigh[g] = hi;
    }
  }
  for (let g = 0; g < size; g++) {
    if (envelopeLow[g] === Infinity) envelopeLow[g] = NaN;
    if (envelopeHigh[g] === -Infinity) envelopeHigh[g] = NaN;
    const count = n[g];
    if (count < need) continue;
    const m = runMean[g];
    mean[g] = m;
    if (band === 'minmax') {
      low[g] = min[g];
      high[g] = max[g];
      continue;
    }
    if (count < 2) {
      low[g] = high[g] = m;
      continue;
    }
    const sd = Math.sqrt(Math.max(0, m2[g] / (count - 1)));
    const half = band === 'ci' ? (t95(count - 1) * sd) / Math.sqrt(count) : sd;
    low[g] = m - half;
    high[g] = m + half;
  }
  return { x, mean, low, high, n, envelopeLow, envelopeHigh };
}
