import { embedSnippet } from './embed-snippet';

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
