import { MAX_ZOOM, MIN_ZOOM, zoomAt } from './zoom-pan';

describe('zoomAt', () => {
  it('keeps the point under the cursor still', () => {
    const before = { scale: 1, x: 10, y: 20 };
    const after = zoomAt(before, 2, 110, 70);
    // The image point under (110, 70) is ((110-10)/1, (70-20)/1) = (100, 50) before and after.
    expect((110 - after.x) / after.scale).toBeCloseTo(100);
    expect((70 - after.y) / after.scale).toBeCloseTo(50);
    expect(after.scale).toBe(2);
  });

  it('stays within the zoom limits', () => {
    expect(zoomAt({ scale: MAX_ZOOM, x: 0, y: 0 }, 3, 0, 0).scale).toBe(MAX_ZOOM);
    expect(zoomAt({ scale: MIN_ZOOM, x: 0, y: 0 }, 0.1, 0, 0).scale).toBe(MIN_ZOOM);
  });
});
