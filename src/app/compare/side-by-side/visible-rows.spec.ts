import { CellTableBuilder, ComparisonRow, ComparisonSection } from './comparison-model';
import { differenceStops, searchMatches, stepStop, visibleItems } from './visible-rows';

function row(
  id: string,
  differs: boolean,
  depth = 0,
  kind: ComparisonRow['kind'] = 'value',
  values = ['a', differs ? 'b' : 'a'],
): ComparisonRow {
  const table = new CellTableBuilder(values.length);
  const [at] = table.add(values, (t) => t > 0 && differs);
  return { id, sectionId: 's', label: id, depth, kind, differs, tooltip: null, table: table.table(), at };
}

const section = (id: string, rows: ComparisonRow[]): ComparisonSection => ({ id, title: id, rows, differs: rows.some((r) => r.differs) });

describe('visible rows', () => {
  const sections = [
    section('general', [row('name', true), row('type', false)]),
    section('source', [
      row('source', false, 0, 'group'),
      row('branch', true, 1),
      row('tag', false, 1),
      row('container', false, 0, 'group'),
      row('image', false, 1),
    ]),
    section('same', [row('x', false)]),
  ];
  const none = { hideIdentical: false, collapsed: new Set<string>(), search: '' };

  it('shows every row and a header per section by default', () => {
    expect(visibleItems(sections, none).length).toBe(3 + 2 + 5 + 1);
  });

  it('hides identical rows, keeps headings of nested differences, folds identical sections', () => {
    const items = visibleItems(sections, { ...none, hideIdentical: true });
    expect(items.map((i) => i.id)).toEqual(['section:general', 'name', 'section:source', 'source', 'branch', 'section:same']);
    const same = items[5];
    expect(same.kind === 'section' && same.collapsed && same.foldedIdentical).toBeTrue();
  });

  it('folds collapsed sections to their header', () => {
    const items = visibleItems(sections, { ...none, collapsed: new Set(['source']) });
    expect(items.map((i) => i.id)).toEqual(['section:general', 'name', 'type', 'section:source', 'section:same', 'x']);
  });

  it('stops at differing rows in order, not at a heading whose nested row differs', () => {
    const items = visibleItems(
      [section('t', [row('doc', true, 0, 'group'), row('l1', false, 1, 'line'), row('l2', true, 1, 'line')]), ...sections],
      none,
    );
    const stops = differenceStops(items);
    expect(stops.map((i) => items[i].id)).toEqual(['l2', 'name', 'branch']);
  });

  it('steps forward and back with wrap-around, starting from the top of the view', () => {
    const stops = [2, 5, 9];
    expect(stepStop(stops, null, 1)).toBe(2);
    expect(stepStop(stops, null, 1, 6)).toBe(9);
    expect(stepStop(stops, null, -1, 6)).toBe(5);
    expect(stepStop(stops, 9, 1)).toBe(2);
    expect(stepStop(stops, 2, -1)).toBe(9);
    expect(stepStop([], null, 1)).toBeNull();
  });

  it('finds rows by field name or value, case-insensitively', () => {
    const items = visibleItems(sections, none);
    expect(searchMatches(items, 'BRANCH').map((i) => items[i].id)).toEqual(['branch']);
    expect(searchMatches(items, 'b').map((i) => items[i].id)).toEqual(['name', 'branch']);
    expect(searchMatches(items, '  ')).toEqual([]);
  });
});
