/**
 * Statistics of repeated runs: mean and spread of a group, Welch's t-test between two groups, the
 * Student t distribution (through the regularised incomplete beta function) and Holm's correction.
 * Pure functions over plain numbers; no state.
 */

export function mean(values: readonly number[]): number {
  if (!values.length) return NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample variance (n − 1 in the denominator); NaN below two values. */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - m) * (value - m);
  return sum / (values.length - 1);
}

/** Sample standard deviation; NaN below two values. */
export function std(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x below the mean a / (a + b); above it, use the symmetry.
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0, not necessarily whole). */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The t with P(T ≤ t) = p for Student's t with `df` degrees of freedom (0 < p < 1). */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0) || !(p > 0 && p < 1)) return NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  let low = high / 2 > 1 ? high / 2 : 0;
  // Bisection to the last bits: 200 halvings are plenty for any bracket a double holds.
  for (let i = 0; i < 200 && high - low > 1e-13 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** A difference of means between two groups and its test: `b − a` (a is the base). */
export interface MeanDifference {
  /** mean(b) − mean(a). */
  difference: number;
  /** Standard error of the difference (Welch), NaN when either side has fewer than two values. */
  standardError: number;
  /** Welch's t statistic, the Welch–Satterthwaite degrees of freedom and the two-sided p-value (NaN: no test possible). */
  t: number;
  df: number;
  p: number;
  /** The confidence interval of the difference at `level` ([NaN, NaN]: no test possible). */
  interval: [number, number];
  level: number;
}

/**
 * Welch's t-test of mean(b) − mean(a), with the confidence interval of the difference at `level`
 * (0.95 by default). Each side needs two values or more; otherwise only the difference is known.
 * Two sides without any spread give an infinite t: p = 0 when the means differ, NaN when equal.
 */
export function welchTest(a: readonly number[], b: readonly number[], level = 0.95): MeanDifference {
  const difference = mean(b) - mean(a);
  const none: MeanDifference = { difference, standardError: NaN, t: NaN, df: NaN, p: NaN, interval: [NaN, NaN], level };
  if (a.length < 2 || b.length < 2) return none;
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const standardError = Math.sqrt(va + vb);
  if (standardError === 0) {
    if (difference === 0) return { ...none, standardError };
    return { difference, standardError, t: Math.sign(difference) * Infinity, df: NaN, p: 0, interval: [difference, difference], level };
  }
  const df = (va + vb) ** 2 / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  const t = difference / standardError;
  const p = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  const half = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
  return { difference, standardError, t, df, p, interval: [difference - half, difference + half], level };
}

/**
 * Holm's step-down adjustment of p-values (same order as given; NaN stays NaN and is not counted):
 * the k-th smallest of m is multiplied by m − k + 1, kept monotone, capped at 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((x, y) => x.p - y.p);
  const adjusted = pValues.map(() => NaN);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (order.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
