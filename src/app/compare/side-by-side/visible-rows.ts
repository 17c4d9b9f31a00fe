import { CellTable, ComparisonRow, ComparisonSection } from './comparison-model';

export interface SectionItem {
  kind: 'section';
  id: string;
  sectionId: string;
  title: string;
  collapsed: boolean;
  differs: boolean;
  /** Folded only because "hide identical" found nothing different in it. */
  foldedIdentical: boolean;
}

export interface RowItem {
  kind: 'row';
  id: string;
  row: ComparisonRow;
}

export type VisibleItem = SectionItem | RowItem;

export interface ViewOptions {
  hideIdentical: boolean;
  collapsed: ReadonlySet<string>;
  search: string;
}

/** For each row: does it, or a row nested under it, differ? */
function differsWithin(rows: ComparisonRow[]): boolean[] {
  const out = rows.map((r) => r.differs);
  // Walk backwards carrying, per depth, whether something deeper differs.
  const stack: { depth: number; differs: boolean }[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const depth = rows[i].depth;
    let below = false;
    while (stack.length && stack[stack.length - 1].depth > depth) below = stack.pop()!.differs || below;
    out[i] = out[i] || below;
    const top = stack[stack.length - 1];
    if (top && top.depth === depth) top.differs = top.differs || out[i];
    else stack.push({ depth, differs: out[i] });
  }
  return out;
}

/** The rows to show: collapsed sections fold to their header, "hide identical" drops rows equal everywhere. */
export function visibleItems(sections: ComparisonSection[], options: ViewOptions): VisibleItem[] {
  const items: VisibleItem[] = [];
  for (const section of sections) {
    const foldedIdentical = options.hideIdentical && !section.differs;
    const collapsed = options.collapsed.has(section.id) || foldedIdentical;
    items.push({
      kind: 'section',
      id: `section:${section.id}`,
      sectionId: section.id,
      title: section.title,
      collapsed,
      differs: section.differs,
      foldedIdentical,
    });
    if (collapsed) continue;
    const keep = options.hideIdentical ? differsWithin(section.rows) : null;
    section.rows.forEach((row, index) => {
      if (!keep || keep[index]) items.push({ kind: 'row', id: row.id, row });
    });
  }
  return items;
}

/**
 * Where "next difference" stops: differing rows, except a group heading whose nested rows already
 * carry the difference.
 */
export function differenceStops(items: VisibleItem[]): number[] {
  const stops: number[] = [];
  items.forEach((item, index) => {
    if (item.kind !== 'row' || !item.row.differs) return;
    if (item.row.kind === 'group') {
      const next = items[index + 1];
      if (
        next?.kind === 'row' &&
        next.row.depth > item.row.depth &&
        next.row.sectionId === item.row.sectionId &&
        hasDifferingChild(items, index)
      )
        return;
    }
    stops.push(index);
  });
  return stops;
}

function hasDifferingChild(items: VisibleItem[], index: number): boolean {
  const depth = (items[index] as RowItem).row.depth;
  for (let i = index + 1; i < items.length; i++) {
    const item = items[i];
    if (item.kind !== 'row' || item.row.depth <= depth) return false;
    if (item.row.differs) return true;
  }
  return false;
}

/** Rows whose label or any value contains the search text (case-insensitive). */
export function searchMatches(items: VisibleItem[], search: string): number[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return [];
  const matches: number[] = [];
  // Per cell table, whether each of its texts contains the needle (0: not read yet, 1: no, 2: yes).
  const found = new Map<CellTable, Uint8Array>();
  const contains = (table: CellTable, index: number) => {
    let marks = found.get(table);
    if (!marks) found.set(table, (marks = new Uint8Array(table.strings.length)));
    if (!marks[index]) marks[index] = table.strings[index].toLowerCase().includes(needle) ? 2 : 1;
    return marks[index] === 2;
  };
  items.forEach((item, index) => {
    if (item.kind !== 'row') return;
    const { row } = item;
    if (row.label.toLowerCase().includes(needle)) return void matches.push(index);
    const { table } = row;
    for (let t = 0, offset = row.at * table.width; t < table.width; t++, offset++) {
      const value = table.values[offset];
      if (value >= 0 && contains(table, value)) return void matches.push(index);
    }
  });
  return matches;
}

/**
 * The next (or previous) stop from the current one, wrapping around. With no current stop, starts
 * from the first stop at or after `fromIndex` (the top of the view).
 */
export function stepStop(stops: number[], current: number | null, direction: 1 | -1, fromIndex = 0): number | null {
  if (!stops.length) return null;
  const at = current === null ? -1 : stops.indexOf(current);
  if (at === -1) {
    const firstAfter = stops.findIndex((s) => s >= fromIndex);
    if (direction === 1) return stops[firstAfter === -1 ? 0 : firstAfter];
    const before = firstAfter === -1 ? stops.length - 1 : firstAfter - 1;
    return stops[before < 0 ? stops.length - 1 : before];
  }
  return stops[(at + direction + stops.length) % stops.length];
}
