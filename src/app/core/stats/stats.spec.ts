import { holmAdjust, incompleteBeta, mean, std, studentTCdf, studentTQuantile, welchTest } from './stats';

/** Student's sleep data (Cushny and Peebles), as in R's `sleep`: extra hours of sleep under two drugs. */
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('stats', () => {
  it('mean and sample standard deviation', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    // Sum of squares 32 over n − 1 = 7.
    expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(std([3])).toBeNaN();
    expect(mean([])).toBeNaN();
  });

  it('the regularised incomplete beta function at known points', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5.
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.6, 3, 1)).toBeCloseTo(0.216, 12);
    expect(incompleteBeta(0.5, 7.5, 7.5)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it("Student's t quantiles match the published table to 4 digits", () => {
    const table: [number, number, number][] = [
      [0.975, 1, 12.7062],
      [0.975, 2, 4.3027],
      [0.975, 4, 2.7764],
      [0.975, 10, 2.2281],
      [0.975, 30, 2.0423],
      [0.975, 120, 1.9799],
      [0.95, 20, 1.7247],
      [0.995, 5, 4.0321],
      [0.9995, 3, 12.924],
    ];
    for (const [p, df, expected] of table) {
      // Rounded to the table's 4 decimals, the value is the table's.
      expect(studentTQuantile(p, df).toFixed(4)).withContext(`t(${p}, ${df})`).toBe(expected.toFixed(4));
      expect(studentTQuantile(1 - p, df).toFixed(4))
        .withContext(`t(${1 - p}, ${df})`)
        .toBe((-expected).toFixed(4));
    }
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it("Student's t CDF: the inverse of the quantile, and Cauchy at df = 1", () => {
    expect(studentTCdf(2.2281, 10)).toBeCloseTo(0.975, 4);
    expect(studentTCdf(0, 3)).toBe(0.5);
    for (const t of [-3, -0.5, 0.25, 1, 10]) expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 10);
    for (const df of [1.5, 3, 17.776, 250]) {
      for (const p of [0.001, 0.2, 0.9, 0.99]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    }
  });

  it("Welch's test on the sleep data matches R's t.test (t = -1.8608, df = 17.776, p = 0.07939)", () => {
    const result = welchTest(SLEEP_2, SLEEP_1);
    expect(result.difference).toBeCloseTo(-1.58, 10);
    expect(result.t).toBeCloseTo(-1.8608, 4);
    expect(result.df).toBeCloseTo(17.776, 3);
    expect(result.p).toBeCloseTo(0.07939, 5);
    expect(result.interval[0]).toBeCloseTo(-3.3654832, 6);
    expect(result.interval[1]).toBeCloseTo(0.2054832, 6);
  });

  it('Welch: swapping the sides negates the difference, keeps p; a 99% interval is wider', () => {
    const ab = welchTest(SLEEP_1, SLEEP_2);
    const ba = welchTest(SLEEP_2, SLEEP_1);
    expect(ab.difference).toBeCloseTo(-ba.difference, 12);
    expect(ab.p).toBeCloseTo(ba.p, 12);
    const wide = welchTest(SLEEP_1, SLEEP_2, 0.99);
    expect(wide.interval[0]).toBeLessThan(ab.interval[0]);
    expect(wide.interval[1]).toBeGreaterThan(ab.interval[1]);
  });

  it('Welch: no test with one value on a side, only the difference', () => {
    const result = welchTest([1], [2, 3]);
    expect(result.difference).toBe(1.5);
    expect(result.p).toBeNaN();
    expect(result.interval.every(Number.isNaN)).toBeTrue();
  });

  it('Welch: sides without spread', () => {
    expect(welchTest([1, 1], [2, 2]).p).toBe(0);
    expect(welchTest([1, 1], [1, 1]).p).toBeNaN();
  });

  it("Holm's adjustment matches R's p.adjust(method = 'holm')", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
    const withMissing = holmAdjust([0.02, NaN, 0.6]);
    expect(withMissing[0]).toBeCloseTo(0.04, 12);
    expect(withMissing[1]).toBeNaN();
    expect(withMissing[2]).toBeCloseTo(0.6, 12);
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
  });
});
