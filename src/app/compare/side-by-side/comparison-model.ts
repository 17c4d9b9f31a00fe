import { WordPart, alignLines, splitLines, wordParts } from '../../shared/text-diff/text-diff';

/**
 * One task's value of a field, as the side-by-side cards show it. `null` means the task does not
 * have the field at all (shown as missing, never as an empty string).
 */
export type FieldValue = string | null;

/** One field of one task, before alignment. `key` identifies it across tasks (identity matching). */
export interface FieldEntry {
  key: string;
  label: string;
  depth: number;
  /** `text` values are aligned line by line across tasks; `group` rows only head nested fields. */
  kind: 'value' | 'text' | 'group';
  value: FieldValue;
  tooltip?: string;
  /** `value` already split into lines (long texts), so it is not split again. */
  lines?: string[];
}

/** A section of every task's card, before alignment: `entries[t]` are task t's fields. */
export interface SectionInput {
  id: string;
  title: string;
  entries: FieldEntry[][];
}

export interface ComparisonCell {
  value: FieldValue;
  /** Differs from the base task's cell (never true for the base itself). */
  changed: boolean;
  /** Word-level marks of a changed value, when both it and the base value exist. */
  parts: WordPart[] | null;
}

/**
 * The cells of a section's rows in flat arrays, `width` (tasks) cells a row: a few typed arrays
 * instead of an object per cell, so 100 tasks × 20,000 lines stay small and move between threads
 * without copying.
 */
export interface CellTable {
  width: number;
  /** The cell texts; a cell equal to the base's shares the base's entry. */
  strings: string[];
  /** rows × width: index into `strings`, -1 where the task does not have the field (missing). */
  values: Int32Array;
  /** rows × width: 1 where the cell differs from the base task's. */
  changed: Uint8Array;
}

export interface ComparisonRow {
  id: string;
  sectionId: string;
  label: string;
  depth: number;
  kind: 'value' | 'line' | 'group' | 'note';
  /** The section's cells; this row's are at `at * table.width`. */
  table: CellTable;
  at: number;
  /** Some task's cell differs from the base. */
  differs: boolean;
  tooltip: string | null;
}

export interface ComparisonSection {
  id: string;
  title: string;
  rows: ComparisonRow[];
  differs: boolean;
}

/** Task t's value in a row (null: missing). */
export function cellValue(row: ComparisonRow, t: number): FieldValue {
  const index = row.table.values[row.at * row.table.width + t];
  return index < 0 ? null : row.table.strings[index];
}

const wordMarks = new WeakMap<CellTable, Map<number, WordPart[]>>();

/** One cell of a row, with word-level marks for a changed value (worked out on first use, then kept). */
export function cellAt(row: ComparisonRow, t: number): ComparisonCell {
  const { table } = row;
  if (t >= table.width) return { value: null, changed: false, parts: null };
  const offset = row.at * table.width + t;
  const value = cellValue(row, t);
  const changed = table.changed[offset] === 1;
  if (!changed || value === null || (row.kind !== 'value' && row.kind !== 'line')) return { value, changed, parts: null };
  const base = cellValue(row, 0);
  if (base === null) return { value, changed, parts: null };
  let marks = wordMarks.get(table);
  if (!marks) wordMarks.set(table, (marks = new Map()));
  let parts = marks.get(offset);
  if (!parts) marks.set(offset, (parts = wordParts(base, value)));
  return { value, changed, parts };
}

/** Every cell of a row (tests, exports). */
export function rowCells(row: ComparisonRow): ComparisonCell[] {
  return Array.from({ length: row.table.width }, (_, t) => cellAt(row, t));
}

/** Builds a section's cell table row by row. */
export class CellTableBuilder {
  private readonly strings: string[] = [];
  private values: Int32Array;
  private changed: Uint8Array;
  rows = 0;

  constructor(
    readonly width: number,
    expectedRows = 64,
  ) {
    this.values = new Int32Array(Math.max(1, expectedRows) * width);
    this.changed = new Uint8Array(Math.max(1, expectedRows) * width);
  }

  /** Adds a row of values compared to the first; `changedOf` overrides the comparison. Returns [row, differs]. */
  add(values: readonly FieldValue[], changedOf?: (t: number) => boolean): [number, boolean] {
    const at = this.reserve();
    const base = values[0] ?? null;
    const baseIndex = this.push(base);
    let differs = false;
    for (let t = 0; t < this.width; t++) {
      const value = t < values.length ? values[t] : null;
      const offset = at * this.width + t;
      if (t === 0) {
        this.values[offset] = baseIndex;
        continue;
      }
      this.values[offset] = value !== null && value === base ? baseIndex : this.push(value);
      const changed = changedOf ? changedOf(t) : !sameValue(base, value);
      this.changed[offset] = changed ? 1 : 0;
      differs ||= changed;
    }
    return [at, differs];
  }

  table(): CellTable {
    return {
      width: this.width,
      strings: this.strings,
      values: this.values.slice(0, this.rows * this.width),
      changed: this.changed.slice(0, this.rows * this.width),
    };
  }

  private push(value: FieldValue): number {
    if (value === null) return -1;
    this.strings.push(value);
    return this.strings.length - 1;
  }

  private reserve(): number {
    if ((this.rows + 1) * this.width > this.values.length) {
      const values = new Int32Array(this.values.length * 2);
      values.set(this.values);
      const changed = new Uint8Array(this.changed.length * 2);
      changed.set(this.changed);
      this.values = values;
      this.changed = changed;
    }
    return this.rows++;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Values compare as numbers when both parse as numbers (`0.10` equals `0.1`), as text otherwise. */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  const x = a.trim();
  const y = b.trim();
  if (NUMBER.test(x) && NUMBER.test(y)) return Number(x) === Number(y);
  return false;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The union of every task's keys in a stable order: the base task's order first, then each key only
 * other tasks have, right after the key it follows in that task. Linear in the number of entries.
 */
export function unionKeys(lists: string[][]): string[] {
  let order: string[] = [];
  const seen = new Set<string>();
  for (const keys of lists) {
    if (sameKeys(keys, order)) continue;
    const known = new Set(order);
    // New keys are attached to the last already-ordered key before them (null: the start).
    const after = new Map<string | null, string[]>();
    let anchor: string | null = null;
    for (const key of keys) {
      if (known.has(key)) {
        anchor = key;
      } else if (!seen.has(key)) {
        seen.add(key);
        const run = after.get(anchor) ?? [];
        run.push(key);
        after.set(anchor, run);
      }
    }
    if (!after.size) continue;
    const merged: string[] = [...(after.get(null) ?? [])];
    for (const key of order) merged.push(key, ...(after.get(key) ?? []));
    order = merged;
  }
  return order;
}

function textRows(
  rows: ComparisonRow[],
  table: CellTableBuilder,
  sectionId: string,
  key: string,
  depth: number,
  texts: (string[] | null)[],
): void {
  const aligned = alignLines(texts);
  const { width, index } = aligned;
  if (aligned.unaligned.some(Boolean)) {
    const [at] = table.add(
      aligned.unaligned.map((u) => (u ? 'Too different to align: shown line by line as is' : null)),
      (t) => aligned.unaligned[t],
    );
    rows.push({
      id: `${key}#unaligned`,
      sectionId,
      label: '',
      depth: depth + 1,
      kind: 'note',
      table: null!,
      at,
      differs: true,
      tooltip: null,
    });
  }
  const line: FieldValue[] = new Array(width);
  for (let r = 0; r < aligned.rows; r++) {
    for (let t = 0; t < width; t++) {
      const at = index[r * width + t];
      line[t] = at >= 0 ? texts[t]![at] : null;
    }
    // A task without the text shows it missing on the heading row; its empty lines are not differences.
    const [at, differs] = table.add(line, (t) => texts[t] !== null && !sameValue(line[0], line[t]));
    rows.push({ id: `${key}#${r}`, sectionId, label: '', depth: depth + 1, kind: 'line', table: null!, at, differs, tooltip: null });
  }
}

function sameLines(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameValue(a[i], b[i])) return false;
  return true;
}

function summary(lines: string[] | null): FieldValue {
  if (lines === null) return null;
  return lines.length === 1 ? '1 line' : `${lines.length} lines`;
}

/** Lines up one section across tasks: fields matched by key, long texts line by line. */
export function alignSection(input: SectionInput): ComparisonSection {
  const width = input.entries.length;
  const keyLists = input.entries.map((entries) => entries.map((e) => e.key));
  const keys = unionKeys(keyLists);
  // Tasks whose fields come in exactly the union's order are read by position, without a lookup.
  const byTask = input.entries.map((entries, t) => (sameKeys(keyLists[t], keys) ? null : new Map(entries.map((e) => [e.key, e]))));
  const table = new CellTableBuilder(width, keys.length);
  const rows: ComparisonRow[] = [];
  const found: (FieldEntry | null)[] = new Array(width);
  const values: FieldValue[] = new Array(width);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    let first: FieldEntry | null = null;
    let isText = false;
    for (let t = 0; t < width; t++) {
      const map = byTask[t];
      const entry = map ? (map.get(key) ?? null) : input.entries[t][k];
      found[t] = entry;
      values[t] = entry?.value ?? null;
      first ??= entry;
      isText ||= entry?.kind === 'text';
    }
    const head = first!;
    const tooltip = head.tooltip ?? null;
    if (isText) {
      const texts = found.map((e) => (e?.value === null || e?.value === undefined ? null : (e.lines ?? splitLines(e.value))));
      const [at, differs] = table.add(texts.map(summary), (t) => !sameLines(texts[0], texts[t]));
      rows.push({ id: key, sectionId: input.id, label: head.label, depth: head.depth, kind: 'group', table: null!, at, differs, tooltip });
      textRows(rows, table, input.id, key, head.depth, texts);
      continue;
    }
    const group = head.kind === 'group';
    const [at, differs] = group
      ? table.add(
          found.map((e) => (e ? '' : null)),
          (t) => (found[t] === null) !== (found[0] === null),
        )
      : table.add(values);
    rows.push({
      id: key,
      sectionId: input.id,
      label: head.label,
      depth: head.depth,
      kind: group ? 'group' : 'value',
      table: null!,
      at,
      differs,
      tooltip,
    });
  }
  const cells = table.table();
  for (const row of rows) row.table = cells;
  return { id: input.id, title: input.title, rows, differs: rows.some((r) => r.differs) };
}
