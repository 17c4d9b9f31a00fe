import { ScalarSeries } from '../../core/api/events-api';
import { GroupMember, aggregateGroup } from './group-series';

const member = (x: number[], y: number[], extra: Partial<ScalarSeries> = {}): GroupMember => ({ x, series: { name: '', x, y, ...extra } });

/** Sample mean and standard deviation, written out here so the module is checked against a second computation. */
function reference(values: number[]): { mean: number; sd: number } {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
  return { mean: m, sd };
}

describe('aggregateGroup', () => {
  it('gives the mean and ± one standard deviation of members aligned by x', () => {
    const members = [member([0, 1, 2], [1, 4, 7]), member([0, 1, 2], [3, 6, 5]), member([0, 1, 2], [2, 2, 9])];
    const out = aggregateGroup(members, 'std');
    expect(out.x).toEqual([0, 1, 2]);
    expect(out.n).toEqual([3, 3, 3]);
    [
      [1, 3, 2],
      [4, 6, 2],
      [7, 5, 9],
    ].forEach((values, i) => {
      const { mean, sd } = reference(values);
      expect(out.mean[i]).toBeCloseTo(mean, 12);
      expect(out.low[i]).toBeCloseTo(mean - sd, 12);
      expect(out.high[i]).toBeCloseTo(mean + sd, 12);
    });
  });

  it('min–max is the members’ range; the 95% interval uses the t quantile with n − 1 degrees of freedom', () => {
    const members = [member([5], [1]), member([5], [2]), member([5], [6])];
    const minmax = aggregateGroup(members, 'minmax');
    expect([minmax.low[0], minmax.mean[0], minmax.high[0]]).toEqual([1, 3, 6]);
    const ci = aggregateGroup(members, 'ci');
    const { mean, sd } = reference([1, 2, 6]);
    // t(0.975, 2) = 4.302653 (published tables).
    expect(ci.high[0] - mean).toBeCloseTo((4.302653 * sd) / Math.sqrt(3), 5);
    expect(mean - ci.low[0]).toBeCloseTo((4.302653 * sd) / Math.sqrt(3), 5);
  });

  it('aligns members whose points fall at other x by the line between their neighbours, only within each member’s range', () => {
    const out = aggregateGroup([member([0, 10], [0, 10]), member([5, 20], [3, 3])], 'std', 1);
    expect(out.x).toEqual([0, 5, 10, 20]);
    expect(out.n).toEqual([1, 2, 2, 1]);
    expect(out.mean[1]).toBeCloseTo((5 + 3) / 2, 12);
    expect(out.mean[2]).toBeCloseTo((10 + 3) / 2, 12);
    expect(out.mean[3]).toBe(3);
  });

  it('leaves a gap where fewer members than the minimum count have values; the count is kept', () => {
    const short = member([0, 1], [1, 1]);
    const long = member([0, 1, 2, 3], [3, 3, 3, 3]);
    const longer = member([0, 1, 2, 3, 4], [5, 5, 5, 5, 5]);
    const two = aggregateGroup([short, long, longer], 'std');
    expect(two.n).toEqual([3, 3, 2, 2, 1]);
    expect(two.mean.map(Number.isNaN)).toEqual([false, false, false, false, true]);
    expect(two.mean[2]).toBe(4);
    const three = aggregateGroup([short, long, longer], 'std', 3);
    expect(three.mean.map(Number.isNaN)).toEqual([false, false, true, true, true]);
    const one = aggregateGroup([short, long, longer], 'minmax', 1);
    expect(one.mean[4]).toBe(5);
    expect([one.low[4], one.high[4]]).toEqual([5, 5]);
  });

  it('keeps every member’s spike in the envelope when the grid is thinned, y_min/y_max included', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i);
    const flat = x.map(() => 1);
    const spiky = x.map((i) => (i === 537 ? 100 : 1));
    const withMin = member(x, flat, { y_min: x.map((i) => (i === 801 ? -50 : 1)), y_max: flat });
    const out = aggregateGroup([member(x, flat), member(x, spiky), withMin], 'std', 2, 50);
    expect(out.x.length).toBe(50);
    expect(Math.max(...out.envelopeHigh)).toBe(100);
    expect(Math.min(...out.envelopeLow)).toBe(-50);
    // The spike lands in the stretch that holds x = 537.
    const stretch = out.x.findIndex((v, i) => v <= 537 && (out.x[i + 1] ?? Infinity) > 537);
    expect(out.envelopeHigh[stretch]).toBe(100);
  });

  it('skips non-finite values and gives a band of zero width to a single member', () => {
    const out = aggregateGroup([member([0, 1], [2, NaN]), member([0, 1], [4, 8])], 'std', 1);
    expect(out.n).toEqual([2, 1]);
    expect(out.mean[1]).toBe(8);
    expect([out.low[1], out.high[1]]).toEqual([8, 8]);
    expect(aggregateGroup([], 'std').x).toEqual([]);
  });
});
