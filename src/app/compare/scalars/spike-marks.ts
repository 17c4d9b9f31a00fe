/** A bucket whose envelope departs far from the line: drawn with a mark at its extreme. */
export interface SpikeMark {
  /** The bucket's index in the series. */
  index: number;
  /** Which end of the envelope departs: its maximum (above the line) or its minimum (below). */
  side: 'max' | 'min';
  /** The extreme value (`y_max` or `y_min` of the bucket). */
  value: number;
}

export interface SpikeRule {
  /** Buckets on each side whose spread is the local measure. */
  window: number;
  /** How many times the local spread an excursion must reach to be far. */
  factor: number;
  /** The share of the whole envelope's height an excursion must also reach (no marks for float noise on a flat line). */
  minShare: number;
  /** At most this many marks per series, the largest excursions (a series full of them is noise, not spikes). */
  maxMarks: number;
}

export const SPIKE_RULE: SpikeRule = { window: 8, factor: 6, minShare: 0.02, maxMarks: 12 };

/** Fewer buckets than this say nothing about a local spread: no marks. */
const MIN_BUCKETS = 5;

/**
 * The buckets whose envelope departs far from the line: a spike averaged away in its bucket.
 *
 * "Far" is relative to the series' local spread around the bucket: the median, over the `window`
 * buckets on each side (the bucket itself left out), of how wide their envelopes are and of how
 * far their line moves from one bucket to the next (the larger of the two). An excursion (`y_max`
 * above the line, or the line above `y_min`) is far when it is more than `factor` times that
 * spread and at least `minShare` of the whole envelope's height. A noisy series has wide envelopes
 * everywhere, so its buckets are not far from their neighbours; a one-iteration jump in a quiet
 * series is. At most `maxMarks` marks, the largest excursions, in bucket order.
 */
export function spikeMarks(
  y: readonly number[],
  yMin: readonly number[],
  yMax: readonly number[],
  rule: SpikeRule = SPIKE_RULE,
): SpikeMark[] {
  const n = y.length;
  if (n < MIN_BUCKETS || yMin.length !== n || yMax.length !== n) return [];
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(yMin[i])) low = Math.min(low, yMin[i]);
    if (Number.isFinite(yMax[i])) high = Math.max(high, yMax[i]);
  }
  const height = high - low;
  if (!(height > 0) || !Number.isFinite(height)) return [];
  const floor = rule.minShare * height;
  // Each bucket's envelope width, and its line's step from the bucket before (none for the first).
  const widths = new Float64Array(n);
  const steps = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    widths[j] = yMax[j] - yMin[j];
    steps[j] = j > 0 ? Math.abs(y[j] - y[j - 1]) : NaN;
  }
  // The medians are taken in one buffer, sorted natively: a noisy series of 400 buckets asks for
  // hundreds, and 100 tasks' charts for tens of thousands before the first chart draws.
  const scratch = new Float64Array(2 * rule.window + 1);
  const windowMedian = (values: Float64Array, i: number, skip: number): number => {
    let k = 0;
    for (let j = Math.max(0, i - rule.window); j <= Math.min(n - 1, i + rule.window); j++) {
      if (j === i || j === skip) continue;
      const v = values[j];
      if (Number.isFinite(v)) scratch[k++] = v;
    }
    if (!k) return 0;
    const sorted = scratch.subarray(0, k).sort();
    const mid = k >> 1;
    return k % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const found: (SpikeMark & { excursion: number })[] = [];
  for (let i = 0; i < n; i++) {
    const up = yMax[i] - y[i];
    const down = y[i] - yMin[i];
    const excursion = Math.max(up, down);
    // Most buckets stop here: the local spread is only measured for a large excursion.
    if (!(excursion >= floor)) continue;
    // The spread is the larger of the two medians: a noisy series' buckets stop at the first.
    const width = windowMedian(widths, i, -1);
    if (!(excursion > rule.factor * width)) continue;
    // A step into or out of the bucket itself is the spike's own, not its neighbourhood's.
    const step = windowMedian(steps, i, i + 1);
    if (excursion > rule.factor * step) {
      const side = up >= down ? 'max' : 'min';
      found.push({ index: i, side, value: side === 'max' ? yMax[i] : yMin[i], excursion });
    }
  }
  return found
    .sort((a, b) => b.excursion - a.excursion)
    .slice(0, rule.maxMarks)
    .sort((a, b) => a.index - b.index)
    .map(({ index, side, value }) => ({ index, side, value }));
}
