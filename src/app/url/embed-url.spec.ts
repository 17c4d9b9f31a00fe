import { embedPath } from './embed-url';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

describe('embedPath', () => {
  it('keeps the page options, adds the item and drops options set to null', () => {
    const path = embedPath([A, B], 'scalars/graph', { smooth: '0.6', x: 'wall', plots: 'x|y' }, { chart: 'mv:loss:train', plots: null });
    expect(path).toBe(`/embed;ids=${A},${B}/scalars/graph?chart=mv%3Aloss%3Atrain&smooth=0.6&x=wall`);
  });

  it('encodes option values so that they come back unchanged', () => {
    const path = embedPath([A], 'metrics-plots', {}, { plot: 'a&b=c/d e' });
    const query = new URLSearchParams(path.split('?')[1]);
    expect(query.get('plot')).toBe('a&b=c/d e');
  });

  it('writes repeated options once per value and nothing when there are none', () => {
    expect(embedPath([A], 'hyper-params/graph', { tag: ['x', 'y'] }, {})).toBe(`/embed;ids=${A}/hyper-params/graph?tag=x&tag=y`);
    expect(embedPath([A], 'debug-images', {}, {})).toBe(`/embed;ids=${A}/debug-images`);
  });

  it("carries the tasks' colour slots when they are not 0, 1, 2…", () => {
    expect(embedPath([A, B], 'scalars/graph', {}, {}, [0, 1])).toBe(`/embed;ids=${A},${B}/scalars/graph`);
    expect(embedPath([A, B], 'scalars/graph', {}, {}, [0, 2])).toBe(`/embed;ids=${A},${B};slots=0,2/scalars/graph`);
  });
});
