import { SPIKE_RULE, spikeMarks } from './spike-marks';

/** A deterministic pseudo-random generator (mulberry32), so a noisy series is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Buckets of `size` raw points each, as the server sends them: mean, min and max per bucket. */
function bucketed(raw: number[], size: number): { y: number[]; yMin: number[]; yMax: number[] } {
  const y: number[] = [];
  const yMin: number[] = [];
  const yMax: number[] = [];
  for (let i = 0; i < raw.length; i += size) {
    const part = raw.slice(i, i + size);
    y.push(part.reduce((a, b) => a + b, 0) / part.length);
    yMin.push(Math.min(...part));
    yMax.push(Math.max(...part));
  }
  return { y, yMin, yMax };
}

function quietWithSpike(at: number, to: number): number[] {
  const next = rng(7);
  const raw = Array.from({ length: 2000 }, () => 0.4 + 0.01 * (next() - 0.5));
  raw[at] = to;
  return raw;
}

describe('spikeMarks', () => {
  it('marks a one-iteration spike to 25 in a series around 0.4 at its bucket, at the spike’s value', () => {
    const { y, yMin, yMax } = bucketed(quietWithSpike(1234, 25), 10);
    expect(spikeMarks(y, yMin, yMax)).toEqual([{ index: 123, side: 'max', value: 25 }]);
  });

  it('marks a drop below the line on the min side', () => {
    const { y, yMin, yMax } = bucketed(quietWithSpike(500, -3), 10);
    expect(spikeMarks(y, yMin, yMax)).toEqual([{ index: 50, side: 'min', value: -3 }]);
  });

  it('leaves a noisy series unmarked: its envelopes are wide everywhere', () => {
    const next = rng(11);
    // Gaussian-ish noise (a sum of uniforms) of spread 1 around 0.4, with a slow trend.
    const raw = Array.from({ length: 5000 }, (_, i) => 0.4 + i / 5000 + (next() + next() + next() + next() - 2));
    const { y, yMin, yMax } = bucketed(raw, 25);
    expect(spikeMarks(y, yMin, yMax)).toEqual([]);
  });

  it('finds the spike in a noisy series only when it stands far out of the noise', () => {
    const next = rng(3);
    const raw = Array.from({ length: 3000 }, () => 0.4 + 0.2 * (next() - 0.5));
    raw[777] = 1; // 0.6 above a 0.2-wide noise: inside a few spreads
    raw[2222] = 30;
    const { y, yMin, yMax } = bucketed(raw, 10);
    expect(spikeMarks(y, yMin, yMax).map((m) => m.index)).toEqual([222]);
  });

  it('marks only what reaches a visible share of the whole envelope', () => {
    // A flat line: its spread is zero, so every departure is many spreads; the chart is as high as
    // the larger one, and the smaller (1% of it) is not marked.
    const raw = Array.from({ length: 1000 }, () => 0.4);
    raw[300] = 0.4 + 1e-12;
    raw[900] = 0.4 + 1e-14;
    const { y, yMin, yMax } = bucketed(raw, 10);
    expect(spikeMarks(y, yMin, yMax).map((m) => m.index)).toEqual([30]);
  });

  it('keeps only the largest excursions when there are many, in bucket order', () => {
    const raw = quietWithSpike(5, 0.4);
    const spikes = [100, 300, 500, 700, 900, 1100, 1300, 1500];
    spikes.forEach((at, k) => (raw[at] = 5 + k));
    const { y, yMin, yMax } = bucketed(raw, 10);
    const marks = spikeMarks(y, yMin, yMax, { ...SPIKE_RULE, maxMarks: 3 });
    expect(marks.map((m) => m.value)).toEqual([10, 11, 12]);
    expect(marks.map((m) => m.index)).toEqual([110, 130, 150]);
  });

  it('says nothing about a series too short to have a neighbourhood, or a flat one', () => {
    expect(spikeMarks([1, 2, 1], [0, 0, 0], [1, 9, 1])).toEqual([]);
    expect(spikeMarks([1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1])).toEqual([]);
    expect(spikeMarks([1, 1, 1, 1, 1], [1, 1, 1], [1, 1, 1, 1, 1])).toEqual([]);
  });

  it('finds what the rule says, read plainly (every window sorted), on series of every kind', () => {
    const next = rng(11);
    const median = (values: number[]) => {
      if (!values.length) return 0;
      values.sort((a, b) => a - b);
      const mid = values.length >> 1;
      return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    };
    // The rule as its comment states it, with nothing left out early.
    const plain = (y: number[], yMin: number[], yMax: number[]) => {
      const finite = (v: number) => Number.isFinite(v);
      const height = Math.max(...yMax.filter(finite)) - Math.min(...yMin.filter(finite));
      const found: { index: number; excursion: number }[] = [];
      for (let i = 0; i < y.length; i++) {
        const excursion = Math.max(yMax[i] - y[i], y[i] - yMin[i]);
        if (!(excursion >= SPIKE_RULE.minShare * height)) continue;
        const widths: number[] = [];
        const steps: number[] = [];
        for (let j = Math.max(0, i - SPIKE_RULE.window); j <= Math.min(y.length - 1, i + SPIKE_RULE.window); j++) {
          if (j === i) continue;
          if (finite(yMax[j] - yMin[j])) widths.push(yMax[j] - yMin[j]);
          if (j !== i + 1 && j > 0 && finite(Math.abs(y[j] - y[j - 1]))) steps.push(Math.abs(y[j] - y[j - 1]));
        }
        if (excursion > SPIKE_RULE.factor * Math.max(median(widths), median(steps))) found.push({ index: i, excursion });
      }
      return found
        .sort((a, b) => b.excursion - a.excursion)
        .slice(0, SPIKE_RULE.maxMarks)
        .map((f) => f.index)
        .sort((a, b) => a - b);
    };
    let marked = 0;
    for (let series = 0; series < 40; series++) {
      const noise = [0.001, 0.05, 0.5][series % 3];
      const raw = Array.from({ length: 4000 }, (_, i) => {
        const v = 1 / (1 + i / 500) + noise * (next() - 0.5);
        return next() < 0.002 ? v * (3 + 10 * next()) : v;
      });
      const { y, yMin, yMax } = bucketed(raw, 10);
      if (series % 5 === 0) y[17] = NaN; // a gap
      expect(spikeMarks(y, yMin, yMax).map((m) => m.index))
        .withContext(`series ${series}`)
        .toEqual(plain(y, yMin, yMax));
      marked += plain(y, yMin, yMax).length;
    }
    // Spikes were found (the comparison is not between two empty lists), and not in every bucket.
    expect(marked).toBeGreaterThan(20);
    expect(marked).toBeLessThan(40 * SPIKE_RULE.maxMarks);
  });
});
