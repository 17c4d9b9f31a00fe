import { ReadableUrlSerializer, readableUrl, repairEscapes } from './readable-url';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

/** The `ids` matrix parameter and the path segments the router reads from a URL. */
function read(url: string): { ids: string; segments: string[] } {
  const tree = new ReadableUrlSerializer().parse(url);
  const segments = tree.root.children['primary']?.segments ?? [];
  return { ids: segments[0]?.parameters['ids'] ?? '', segments: segments.map((s) => s.path) };
}

describe('readable URL', () => {
  it('reads broken escapes as literal text', () => {
    expect(repairEscapes('%%%zz')).toBe('%25%25%25zz');
    expect(repairEscapes('%e2%82,%3Cb%3E')).toBe('%25e2%2582,%3Cb%3E');
    expect(repairEscapes('%41%20ok')).toBe('%41%20ok');
    expect(read('/compare-tasks;ids=%%%zz/details')).toEqual({ ids: '%%%zz', segments: ['compare-tasks', 'details'] });
    expect(read('/compare-tasks;ids=a/details?q=%')).toEqual({ ids: 'a', segments: ['compare-tasks', 'details'] });
  });

  it('keeps parentheses and slashes of a pasted text inside the ids, and the valid id after them', () => {
    const pasted = `/compare-tasks;ids=%3Cscript%3Ealert(1)%3C/script%3E,hello%20world,${A}/details`;
    expect(read(pasted)).toEqual({ ids: `<script>alert(1)</script>,hello world,${A}`, segments: ['compare-tasks', 'details'] });
    // Without a view after them too, and in an embed, with its other matrix parameters kept.
    expect(read(`/embed;ids=a/b,${A};slots=0/scalars/graph`).segments).toEqual(['embed', 'scalars', 'graph']);
    expect(
      new ReadableUrlSerializer().parse(`/embed;ids=a/b,${A};slots=0/scalars`).root.children['primary'].segments[0].parameters,
    ).toEqual({
      ids: `a/b,${A}`,
      slots: '0',
    });
    expect(read(`/compare-tasks;ids=(x)/${A}`)).toEqual({ ids: `(x)/${A}`, segments: ['compare-tasks'] });
  });

  it('leaves the URLs the app writes, and other pages, as they are', () => {
    const serializer = new ReadableUrlSerializer();
    for (const url of [
      `/compare-tasks;ids=${A},${B};slots=1,0/scalars/graph?smooth=0.5&q=a%20(b)`,
      `/embed;ids=${A}/metrics-plots?plot=x%2Fy`,
      '/tasks?q=%25',
      '/no-such/page',
    ]) {
      expect(readableUrl(url)).toBe(url);
      expect(serializer.serialize(serializer.parse(url))).toBe(url);
    }
    // An unknown view stays a view (the page falls back from it with a notice).
    expect(read(`/compare-tasks;ids=${A}/no-such-tab/at-all`).segments).toEqual(['compare-tasks', 'no-such-tab', 'at-all']);
  });
});
