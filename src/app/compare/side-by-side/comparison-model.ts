import { WordPart, alignTexts, wordParts } from '../../shared/text-diff/text-diff';

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

export interface ComparisonRow {
  id: string;
  sectionId: string;
  label: string;
  depth: number;
  kind: 'value' | 'line' | 'group' | 'note';
  cells: ComparisonCell[];
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

/**
 * The union of every task's keys in a stable order: the base task's order first, then each key only
 * other tasks have, right after the key it follows in that task. Linear in the number of entries.
 */
export function unionKeys(lists: string[][]): string[] {
  let order: string[] = [];
  const seen = new Set<string>();
  for (const keys of lists) {
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

function cellsFor(values: FieldValue[], withWords: boolean): ComparisonCell[] {
  const base = values[0] ?? null;
  return values.map((value, index) => {
    const changed = index > 0 && !sameValue(base, value);
    const parts = changed && withWords && base !== null && value !== null ? wordParts(base, value) : null;
    return { value, changed, parts };
  });
}

function textRows(sectionId: string, key: string, depth: number, texts: FieldValue[]): ComparisonRow[] {
  const aligned = alignTexts(texts);
  const rows: ComparisonRow[] = aligned.lines.map((line, index) => {
    // A task without the text shows it missing on the heading row; its empty lines are not differences.
    const cells = cellsFor(line, true).map((cell, t) => (texts[t] === null ? { ...cell, changed: false } : cell));
    return { id: `${key}#${index}`, sectionId, label: '', depth: depth + 1, kind: 'line', cells, differs: cells.some((c) => c.changed), tooltip: null };
  });
  if (aligned.unaligned.some(Boolean)) {
    const cells = aligned.unaligned.map((u): ComparisonCell => ({
      value: u ? 'Too different to align: shown line by line as is' : null,
      changed: u,
      parts: null,
    }));
    rows.unshift({ id: `${key}#unaligned`, sectionId, label: '', depth: depth + 1, kind: 'note', cells, differs: true, tooltip: null });
  }
  return rows;
}

function summary(text: FieldValue): FieldValue {
  if (text === null) return null;
  const lines = text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
  return lines === 1 ? '1 line' : `${lines} lines`;
}

/** Lines up one section across tasks: fields matched by key, long texts line by line. */
export function alignSection(input: SectionInput): ComparisonSection {
  const byTask = input.entries.map((entries) => new Map(entries.map((e) => [e.key, e])));
  const keys = unionKeys(input.entries.map((entries) => entries.map((e) => e.key)));
  const rows: ComparisonRow[] = [];
  for (const key of keys) {
    const found = byTask.map((m) => m.get(key) ?? null);
    const first = found.find((e) => e !== null)!;
    const values = found.map((e) => e?.value ?? null);
    const isText = found.some((e) => e?.kind === 'text');
    if (isText) {
      const lines = textRows(input.id, key, first.depth, values);
      const cells = cellsFor(values.map(summary), false).map((cell, i) => ({
        ...cell,
        changed: i > 0 && !sameValue(values[0], values[i]),
      }));
      rows.push({ id: key, sectionId: input.id, label: first.label, depth: first.depth, kind: 'group', cells, differs: cells.some((c) => c.changed), tooltip: first.tooltip ?? null });
      rows.push(...lines);
      continue;
    }
    const cells =
      first.kind === 'group'
        ? found.map((e, i): ComparisonCell => ({ value: e ? '' : null, changed: i > 0 && (e === null) !== (found[0] === null), parts: null }))
        : cellsFor(values, true);
    rows.push({ id: key, sectionId: input.id, label: first.label, depth: first.depth, kind: first.kind === 'group' ? 'group' : 'value', cells, differs: cells.some((c) => c.changed), tooltip: first.tooltip ?? null });
  }
  return { id: input.id, title: input.title, rows, differs: rows.some((r) => r.differs) };
}
