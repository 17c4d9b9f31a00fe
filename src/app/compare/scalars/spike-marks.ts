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

function median(values: number[]): number {
  if (!values.length) return 0;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

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
  const width = (j: number) => yMax[j] - yMin[j];
  const step = (j: number) => (j > 0 ? Math.abs(y[j] - y[j - 1]) : NaN);
  const found: (SpikeMark & { excursion: number })[] = [];
  for (let i = 0; i < n; i++) {
    const up = yMax[i] - y[i];
    const down = y[i] - yMin[i];
    const excursion = Math.max(up, down);
    // Most buckets stop here: the local spread is only measured for a large excursion.
    if (!(excursion >= floor)) continue;
    const widths: number[] = [];
    const steps: number[] = [];
    for (let j = Math.max(0, i - rule.window); j <= Math.min(n - 1, i + rule.window); j++) {
      if (j === i) continue;
      const w = width(j);
      if (Number.isFinite(w)) widths.push(w);
      // A step into or out of the bucket itself is the spike's own, not its neighbourhood's.
      if (j !== i + 1) {
        const s = step(j);
        if (Number.isFinite(s)) steps.push(s);
      }
    }
    const spread = Math.max(median(widths), median(steps));
    if (excursion > rule.factor * spread) {
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
