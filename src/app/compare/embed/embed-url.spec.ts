import { embedPath, embedSnippet } from './embed-url';

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

  it('carries the tasks\' colour slots when they are not 0, 1, 2…', () => {
    expect(embedPath([A, B], 'scalars/graph', {}, {}, [0, 1])).toBe(`/embed;ids=${A},${B}/scalars/graph`);
    expect(embedPath([A, B], 'scalars/graph', {}, {}, [0, 2])).toBe(`/embed;ids=${A},${B};slots=0,2/scalars/graph`);
  });
});

describe('embedSnippet', () => {
  it('is an iframe with a size and a title', () => {
    expect(embedSnippet('http://h/embed;ids=x/scalars/graph?chart=c', 'loss / train')).toBe(
      '<iframe src="http://h/embed;ids=x/scalars/graph?chart=c" title="loss / train" width="800" height="480" style="border: 0" loading="lazy"></iframe>',
    );
  });

  it('escapes quotes and markup from task or metric text in its attributes', () => {
    const snippet = embedSnippet('http://h/e?a=1&b="2"', '"><script>alert(1)</script>');
    expect(snippet).not.toContain('<script>');
    expect(snippet).toContain('src="http://h/e?a=1&amp;b=&quot;2&quot;"');
    expect(snippet).toContain('title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});
