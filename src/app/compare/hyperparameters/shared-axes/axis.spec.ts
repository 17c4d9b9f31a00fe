import { NA, buildAxis, formatNumber, labelAt, spansDecades } from './axis';

describe('hyperparameter axes', () => {
  it('maps each categorical value to its own tick, whatever the task order (clearml#907)', () => {
    const raw = ['sgd', 'adamw', 'adam', 'sgd', 'adamw'];
    const axis = buildAxis(raw);
    expect(axis.kind).toBe('categorical');
    expect(axis.ticktext).toEqual(['adam', 'adamw', 'sgd']);
    raw.forEach((value, i) => expect(labelAt(axis, axis.positions[i])).toBe(value));
  });

  it('puts tasks without a value on an explicit N/A tick below the others', () => {
    const cat = buildAxis(['b', null, 'a']);
    expect(labelAt(cat, cat.positions[1])).toBe(NA);
    expect(cat.positions[1]).toBeLessThan(Math.min(cat.positions[0], cat.positions[2]));
    expect(cat.range[0]).toBeLessThan(cat.positions[1]);

    const num = buildAxis(['0.1', null, '0.3']);
    expect(num.kind).toBe('numeric');
    expect(labelAt(num, num.positions[1])).toBe(NA);
    expect(num.positions[1]).toBeLessThan(0.1);
    expect(labelAt(num, num.positions[2])).toBe('0.3');
  });

  it('uses a log axis for positive values spread over orders of magnitude, with real values as ticks', () => {
    const axis = buildAxis(['0.0001', '0.001', '0.1', '0.03']);
    expect(axis.kind).toBe('log');
    expect(axis.positions[0]).toBeCloseTo(-4);
    expect(axis.positions[2]).toBeCloseTo(-1);
    expect(labelAt(axis, axis.positions[3])).toBe('0.03');
    expect(labelAt(axis, axis.positions[0])).toBe('1e-4');
  });

  it('keeps a linear axis for narrow ranges, zero or negative values, or when log is off', () => {
    expect(buildAxis(['10', '20', '30']).kind).toBe('numeric');
    expect(buildAxis(['0.003', '0.01', '0.1']).kind).toBe('log');
    expect(buildAxis(['0', '0.001', '0.1']).kind).toBe('numeric');
    expect(buildAxis(['0.0001', '0.1'], 'off').kind).toBe('numeric');
    expect(buildAxis(['1', '2'], 'on').kind).toBe('log');
    expect(spansDecades([1, 19])).toBeFalse();
    expect(spansDecades([1, 20])).toBeTrue();
    expect(spansDecades([-1, 100])).toBeFalse();
  });

  it('treats a mix of numbers and words as categories', () => {
    const axis = buildAxis(['1', 'auto', '2']);
    expect(axis.kind).toBe('categorical');
    expect(labelAt(axis, axis.positions[1])).toBe('auto');
  });

  it('lists at most a handful of ticks for many distinct numbers', () => {
    const axis = buildAxis(Array.from({ length: 40 }, (_, i) => i + 101));
    expect(axis.kind).toBe('numeric');
    expect(axis.tickvals.length).toBe(5);
    expect(axis.positions[39]).toBe(140);
    expect(axis.range[0]).toBeLessThanOrEqual(101);
    expect(axis.range[1]).toBeGreaterThanOrEqual(140);
    const log = buildAxis(Array.from({ length: 40 }, (_, i) => 10 ** (-4 + i / 13)));
    expect(log.kind).toBe('log');
    expect(log.ticktext).toEqual(['1e-4', '0.001', '0.01', '0.1']);
  });

  it('formats numbers compactly', () => {
    expect(formatNumber(0.00012)).toBe('1.2e-4');
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(64)).toBe('64');
  });
});
