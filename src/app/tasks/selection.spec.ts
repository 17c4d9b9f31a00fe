import { setSelected, toggleRowSelection } from './selection';

describe('row selection', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'];

  it('toggles one row on a plain click, keeping pick order', () => {
    expect(toggleRowSelection(['c'], rows, 'a', null, false)).toEqual(['c', 'a']);
    expect(toggleRowSelection(['c', 'a'], rows, 'c', 'a', false)).toEqual(['a']);
  });

  it('selects the range between the anchor and a shift-clicked row, in either direction', () => {
    expect(toggleRowSelection(['b'], rows, 'd', 'b', true)).toEqual(['b', 'c', 'd']);
    expect(toggleRowSelection(['d'], rows, 'a', 'd', true)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('clears the range when the shift-clicked row was selected', () => {
    expect(toggleRowSelection(['a', 'b', 'c', 'd'], rows, 'c', 'a', true)).toEqual(['d']);
  });

  it('treats a shift-click without an anchor on this page as a plain click', () => {
    expect(toggleRowSelection([], rows, 'c', 'zz', true)).toEqual(['c']);
  });

  it('selects and clears many rows, leaving others alone', () => {
    expect(setSelected(['x', 'b'], ['a', 'b', 'c'], true)).toEqual(['x', 'b', 'a', 'c']);
    expect(setSelected(['x', 'b', 'a'], ['a', 'b', 'c'], false)).toEqual(['x']);
  });
});
