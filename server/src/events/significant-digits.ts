/**
 * Scalar values rounded to 8 significant digits for charts.
 *
 * ClearML keeps event values as single-precision floats (its event index maps `value` as `float`,
 * 24 bits, about 7.2 decimal digits), so its histograms never carry more than that. Eight digits
 * keep every value within half a float32 step while JSON prints them in ~10 characters instead of
 * the ~19 of a full double: a 100-task chart answer shrinks by a third, for the server to send and
 * the browser to parse.
 */
export const SIGNIFICANT_DIGITS = 8;

/** 10^0 .. 10^22, each exact as a double, so a scaled value is rounded once. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Rounds values one after another. Values of a series mostly share a decimal magnitude, so the
 * scale of the previous value is tried first (two comparisons) before a logarithm is taken.
 */
export class SignificantRounder {
  private low = 1;
  private high = 0; // empty range: the first value computes its scale
  private scale = 1;
  private divide = true;

  round(value: number): number {
    const magnitude = value < 0 ? -value : value;
    if (!(magnitude >= this.low && magnitude < this.high)) {
      if (magnitude === 0 || !Number.isFinite(magnitude)) return value;
      const exponent = Math.floor(Math.log10(magnitude));
      const shift = SIGNIFICANT_DIGITS - 1 - exponent;
      // Beyond exact powers of ten (below 1e-15, above 1e29): rare, so the slow exact way.
      if (shift > 22 || shift < -22) return Number(value.toPrecision(SIGNIFICANT_DIGITS));
      this.low = 10 ** exponent;
      this.high = 10 ** (exponent + 1);
      this.divide = shift >= 0;
      this.scale = POW10[Math.abs(shift)];
    }
    return this.divide ? Math.round(value * this.scale) / this.scale : Math.round(value / this.scale) * this.scale;
  }
}
