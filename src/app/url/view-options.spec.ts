import {
  choiceOption,
  customOption,
  declaredQuery,
  flagOption,
  numberOption,
  optionsPatch,
  readOptions,
  selectOptions,
  textOption,
  uncheckedValues,
  withDeclaredOptions,
} from './view-options';

const MAP = {
  grouping: choiceOption('group', ['a', 'b'] as const, 'a', 'by a'),
  weight: numberOption('w', 0, 1, 0, 'none'),
  on: flagOption('on'),
  search: textOption('q'),
  ids: customOption(
    'ids',
    (raw) => (raw ?? '').split(',').filter(Boolean),
    (ids: string[]) => (ids.length ? ids.join(',') : null),
  ),
};

describe('view options', () => {
  it('read defaults when absent and values of the wrong form as the default', () => {
    expect(readOptions(MAP, {})).toEqual({ grouping: 'a', weight: 0, on: false, search: '', ids: [] });
    expect(readOptions(MAP, { group: 'c', w: 'x', on: 'yes' })).toEqual({ grouping: 'a', weight: 0, on: false, search: '', ids: [] });
    expect(readOptions(MAP, { group: 'b', w: '5', on: 'true', q: 'loss', ids: 'x,y' })).toEqual({
      grouping: 'b',
      weight: 1,
      on: true,
      search: 'loss',
      ids: ['x', 'y'],
    });
  });

  it('write a default as a removed parameter, and only the options given', () => {
    expect(optionsPatch(MAP, { grouping: 'b', on: true, ids: ['x'] })).toEqual({ group: 'b', on: '1', ids: 'x' });
    expect(optionsPatch(MAP, { grouping: 'a', weight: 0, on: false, search: '  ', ids: [] })).toEqual({
      group: null,
      w: null,
      on: null,
      q: null,
      ids: null,
    });
  });

  it('round-trip every value through the URL', () => {
    const values = { grouping: 'b' as const, weight: 0.25, on: true, search: 'val acc', ids: ['p', 'q'] };
    const patch = optionsPatch(MAP, values);
    expect(readOptions(MAP, patch)).toEqual(values);
  });

  it('select from the router query, the first of repeated values', () => {
    const state = {
      router: { state: { url: '', segments: [], params: {}, queryParams: { group: ['b', 'a'], w: '0.5', other: '1' } }, navigationId: 1 },
    };
    expect(selectOptions(MAP)(state)).toEqual({ grouping: 'b', weight: 0.5, on: false, search: '', ids: [] });
  });

  it('carry only declared parameters, and report values not of their declared form', () => {
    expect(declaredQuery({ group: 'b', junk: 'x', q: ['s', 't'] }, MAP)).toEqual({ group: 'b', q: 's' });
    const problems = uncheckedValues(new URLSearchParams('group=c&w=2&on=1&q=anything'), MAP);
    expect(problems).toEqual([
      { name: 'group', value: 'c', fallback: 'by a' },
      { name: 'w', value: '2', fallback: 'none' },
    ]);
  });

  it('keep a link as it is unless it holds parameters no map declares', () => {
    const href = 'http://h/compare-tasks;ids=a,b/scalars/graph?group=b&q=x%20y';
    expect(withDeclaredOptions(href, MAP)).toBe(href);
    expect(withDeclaredOptions('http://h/compare-tasks;ids=a/details?junk=1&group=b', MAP)).toBe(
      'http://h/compare-tasks;ids=a/details?group=b',
    );
  });
});
