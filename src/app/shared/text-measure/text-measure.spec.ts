import { textMeasure } from './text-measure';

describe('textMeasure', () => {
  it('measures wider text wider, in the host font at the given size, and remembers each text', () => {
    const host = document.createElement('div');
    host.style.fontFamily = 'monospace';
    document.body.appendChild(host);
    const measure = textMeasure(host, 10);
    const one = measure('0');
    expect(one).toBeGreaterThan(3);
    expect(one).toBeLessThan(10);
    // Monospace: ten characters are ten times one.
    expect(measure('0123456789')).toBeCloseTo(10 * one, 1);
    expect(textMeasure(host, 20)('0')).toBeCloseTo(2 * one, 1);
    host.remove();
  });
});
