import { formatBrushes, formatOrder, parseBrushes, parseOrder } from './parallel-coordinates-options';

describe('parallel coordinates brushes in the URL', () => {
  it('round-trips ranges on dimensions whose ids hold separators', () => {
    const brushes = {
      'p:Args\u0000lr': [[-3, -1.5] as [number, number]],
      'm:accuracy\u0000val\u0000last': [
        [0.1, 0.2],
        [0.8, 0.95],
      ] as [number, number][],
    };
    expect(parseBrushes(formatBrushes(brushes))).toEqual(brushes);
  });

  it('leaves the option out when there is no brush and ignores broken entries', () => {
    expect(formatBrushes({})).toBeNull();
    expect(parseBrushes(null)).toEqual({});
    expect(parseBrushes('a:1:x,%E0:1:2,:1:2,b:0.5:0.7')).toEqual({ b: [[0.5, 0.7]] });
  });

  it('round-trips the axis order, ids with separators included, skipping broken and repeated entries', () => {
    const order = ['m:accuracy\u0000val\u0000last', 'p:Args\u0000lr', 'p:a,b'];
    expect(parseOrder(formatOrder(order))).toEqual(order);
    expect(formatOrder([])).toBeNull();
    expect(parseOrder('x,%E0,,x,y')).toEqual(['x', 'y']);
  });
});
