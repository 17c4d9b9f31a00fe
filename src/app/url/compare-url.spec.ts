import { compareUrlCommands, compareViewFromSegments, moveTask, parseIds, withBaseTask } from './compare-url';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = '0123456789abcdef0123456789abcdef';

describe('compare URL', () => {
  it('reads ids in order, dropping blanks and repeats, lower-casing hex', () => {
    expect(parseIds(`${A}, ${B.toUpperCase()},,${A}`)).toEqual({ ids: [A, B], invalid: [] });
  });

  it('keeps entries that are not task ids out of the ids, and reports them', () => {
    expect(parseIds(`${A},<script>,123,${C}`)).toEqual({ ids: [A, C], invalid: ['<script>', '123'] });
    expect(parseIds(undefined)).toEqual({ ids: [], invalid: [] });
    expect(parseIds(['x'])).toEqual({ ids: [], invalid: [] });
    expect(parseIds(`<script>alert(1)</script>,hello world,${A}`)).toEqual({
      ids: [A],
      invalid: ['<script>alert(1)</script>', 'hello world'],
    });
  });

  it('writes router commands with ids as a matrix parameter, base first', () => {
    expect(compareUrlCommands([B, A], 'scalars/graph')).toEqual(['/compare-tasks', { ids: `${B},${A}` }, 'scalars', 'graph']);
    expect(compareUrlCommands([A], '')).toEqual(['/compare-tasks', { ids: A }, 'details']);
    // Colour slots go in the URL only when they are not 0, 1, 2…
    expect(compareUrlCommands([B, A], 'details', [0, 1])).toEqual(['/compare-tasks', { ids: `${B},${A}` }, 'details']);
    expect(compareUrlCommands([B, A], 'details', [1, 0])).toEqual(['/compare-tasks', { ids: `${B},${A}`, slots: '1,0' }, 'details']);
  });

  it('reads the view from URL segments', () => {
    expect(compareViewFromSegments(['compare-tasks', 'hyper-params', 'scatter'])).toBe('hyper-params/scatter');
    expect(compareViewFromSegments(['tasks'])).toBe('');
  });

  it('moves a task to the front to make it the base', () => {
    expect(withBaseTask([A, B, C], C)).toEqual([C, A, B]);
    expect(withBaseTask([A, B], 'unknown')).toEqual([A, B]);
  });

  it('moves a task from one position to another', () => {
    expect(moveTask([A, B, C], 2, 0)).toEqual([C, A, B]);
    expect(moveTask([A, B, C], 0, 9)).toEqual([B, C, A]);
    expect(moveTask([A, B, C], 5, 0)).toEqual([A, B, C]);
  });
});
