import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignificantRounder } from '../src/events/significant-digits';

test('values are rounded to 8 significant digits, whatever their magnitude', () => {
  const rounder = new SignificantRounder();
  const cases: [number, number][] = [
    [0.9394709848078965, 0.93947098],
    [0.0014348884446080774, 0.0014348884],
    [123456.789012, 123456.79],
    [-2.718281828459045, -2.7182818],
    [6.02214076e23, 6.0221408e23],
    [1.602176634e-19, 1.6021766e-19],
    [42, 42],
    [1.5, 1.5],
    [99999999.5, 100000000],
  ];
  for (const [value, expected] of cases) assert.equal(rounder.round(value), expected, String(value));
});

test('zero, infinities and NaN pass through, and the magnitude is found again after them', () => {
  const rounder = new SignificantRounder();
  assert.equal(rounder.round(0.123456789), 0.12345679);
  assert.equal(rounder.round(0), 0);
  assert.equal(rounder.round(Infinity), Infinity);
  assert.equal(rounder.round(-Infinity), -Infinity);
  assert.ok(Number.isNaN(rounder.round(NaN)));
  assert.equal(rounder.round(0.987654321), 0.98765432);
  assert.equal(rounder.round(987.654321987), 987.65432);
  assert.equal(rounder.round(0.000987654321987), 0.00098765432);
});

test('rounding keeps order, so a bucket mean stays inside its envelope', () => {
  const rounder = new SignificantRounder();
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 20_000; i++) {
    const scale = 10 ** Math.floor(random() * 12 - 6);
    const a = (random() - 0.5) * scale;
    const b = a + random() * scale * 1e-7;
    assert.ok(rounder.round(a) <= rounder.round(b), `${a} <= ${b}`);
    assert.ok(Math.abs(rounder.round(a) - a) <= 5.000001e-8 * Math.abs(a), `${a}`);
  }
});
