import { diffArrays } from 'diff';

/** A piece of a line; `changed` pieces differ from the base line. */
export interface WordPart {
  text: string;
  changed: boolean;
}

/** One aligned line across texts: `null` where that text has no such line. */
export type AlignedLine = (string | null)[];

export interface AlignedText {
  lines: AlignedLine[];
  /** Per text: true when it could not be aligned (too different or too slow) and is shown by position. */
  unaligned: boolean[];
}

export interface AlignOptions {
  /** Give up when more than this many lines differ (per pair). */
  maxEditLength?: number;
  /** Give up after this many milliseconds (per pair). */
  timeoutMs?: number;
}

const DEFAULT_ALIGN: Required<AlignOptions> = { maxEditLength: 5000, timeoutMs: 400 };

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line indexes of several texts lined up in rows: `index[row * width + t]` is text t's line, or -1. */
export interface LineAlignment {
  rows: number;
  width: number;
  index: Int32Array;
  /** Per text: true when it could not be aligned (too different or too slow) and is laid out by position. */
  unaligned: boolean[];
}

interface PairAlignment {
  /** For each base line: the index of the matched (or changed) line of the other text, or -1 (removed). */
  matched: Int32Array;
  /** Lines of the other text inserted before base line i (i = base.length: at the end): how many, from which index. */
  insertedCount: Int32Array;
  insertedFrom: Int32Array;
}

/**
 * Texts of the same length whose differing lines are isolated substitutions (no line merely moved by
 * one) line up by position: the answer a line diff gives, without running one.
 */
function positionalPair(base: string[], other: string[]): PairAlignment | null {
  if (base.length !== other.length) return null;
  const limit = Math.max(2, base.length >> 4);
  let mismatches = 0;
  for (let i = 0; i < base.length; i++) {
    if (base[i] === other[i]) continue;
    if (++mismatches > limit || other[i] === base[i - 1] || other[i] === base[i + 1]) return null;
  }
  const matched = new Int32Array(base.length);
  for (let i = 0; i < base.length; i++) matched[i] = i;
  return { matched, insertedCount: new Int32Array(base.length + 1), insertedFrom: new Int32Array(base.length + 1) };
}

/** Aligns one text against the base; `null` when the diff gave up. */
function alignPair(base: string[], other: string[], options: Required<AlignOptions>): PairAlignment | null {
  const positional = positionalPair(base, other);
  if (positional) return positional;
  const changes = diffArrays(base, other, { maxEditLength: options.maxEditLength, timeout: options.timeoutMs });
  if (!changes) return null;
  const matched = new Int32Array(base.length).fill(-1);
  const insertedCount = new Int32Array(base.length + 1);
  const insertedFrom = new Int32Array(base.length + 1);
  let at = 0; // base lines placed
  let next = 0; // other lines placed
  let removedRun = 0;
  const insert = (count: number) => {
    if (!count) return;
    if (!insertedCount[at]) insertedFrom[at] = next;
    insertedCount[at] += count;
    next += count;
  };
  const flushRemoved = (added: number) => {
    // A removed run followed by an added run is a run of changed lines, paired in order.
    const paired = Math.min(removedRun, added);
    for (let i = 0; i < removedRun; i++) matched[at++] = i < paired ? next++ : -1;
    insert(added - paired);
    removedRun = 0;
  };
  for (const change of changes) {
    if (change.removed) removedRun += change.value.length;
    else if (change.added) flushRemoved(change.value.length);
    else {
      flushRemoved(0);
      for (let i = 0; i < change.value.length; i++) matched[at++] = next++;
    }
  }
  flushRemoved(0);
  return { matched, insertedCount, insertedFrom };
}

/**
 * Lines up several texts (as lines; null: the task has no such text) against the first, the base:
 * equal lines share a row, changed lines are paired on one row, lines only some texts have get rows
 * of their own. A text too different to diff within the limits is laid out by position instead.
 */
export function alignLines(texts: (readonly string[] | null)[], options: AlignOptions = {}): LineAlignment {
  const limits = { ...DEFAULT_ALIGN, ...options };
  const width = texts.length;
  const base = (texts[0] ?? []) as string[];
  const pairs = texts.map((lines, t) => (t === 0 || lines === null ? null : alignPair(base, lines as string[], limits)));
  const unaligned = texts.map((lines, t) => t > 0 && lines !== null && pairs[t] === null);
  const extra = new Int32Array(base.length + 1);
  let rows = base.length;
  for (let i = 0; i <= base.length; i++) {
    let most = 0;
    for (const pair of pairs) if (pair && pair.insertedCount[i] > most) most = pair.insertedCount[i];
    extra[i] = most;
    rows += most;
  }
  const ownRows = unaligned.reduce((most, u, t) => (u ? Math.max(most, texts[t]!.length) : most), 0);
  rows = Math.max(rows, ownRows);
  const index = new Int32Array(rows * width).fill(-1);
  let row = 0;
  for (let i = 0; i <= base.length; i++) {
    for (let r = 0; r < extra[i]; r++, row++) {
      for (let t = 1; t < width; t++) {
        const pair = pairs[t];
        if (pair && r < pair.insertedCount[i]) index[row * width + t] = pair.insertedFrom[i] + r;
      }
    }
    if (i === base.length) break;
    if (texts[0] !== null) index[row * width] = i;
    for (let t = 1; t < width; t++) {
      const pair = pairs[t];
      if (pair) index[row * width + t] = pair.matched[i];
    }
    row++;
  }
  // Texts that could not be aligned are laid out by position, beside the aligned rows.
  unaligned.forEach((isUnaligned, t) => {
    if (!isUnaligned) return;
    const own = texts[t]!;
    for (let i = 0; i < rows; i++) index[i * width + t] = i < own.length ? i : -1;
  });
  return { rows, width, index, unaligned };
}

/**
 * Lines up several texts against the first (the base), as rows of lines (`null` where a text has
 * no such line). See `alignLines`.
 */
export function alignTexts(texts: (string | null)[], options: AlignOptions = {}): AlignedText {
  const split = texts.map((text) => (text === null ? null : splitLines(text)));
  const aligned = alignLines(split, options);
  const lines: AlignedLine[] = [];
  for (let row = 0; row < aligned.rows; row++) {
    lines.push(
      split.map((own, t) => {
        const at = aligned.index[row * aligned.width + t];
        return own && at >= 0 ? own[at] : null;
      }),
    );
  }
  return { lines, unaligned: aligned.unaligned };
}

/** Words, runs of spaces and single punctuation marks; `0.2`, `2.3.0` and `lr_max` stay whole. */
function tokens(text: string): string[] {
  return text.match(/\s+|[A-Za-z0-9_.+-]+|[^\sA-Za-z0-9_.+-]/g) ?? [];
}

/** The parts of `text` that differ from `base`, word by word; the whole line when too long to compare. */
export function wordParts(base: string, text: string, maxLength = 2000): WordPart[] {
  if (base.length > maxLength || text.length > maxLength) return [{ text, changed: true }];
  const parts: WordPart[] = [];
  const changes = diffArrays(tokens(base), tokens(text), { maxEditLength: 200 });
  if (!changes) return [{ text, changed: true }];
  for (const change of changes) {
    if (change.removed) continue;
    const value = change.value.join('');
    const last = parts[parts.length - 1];
    if (last && last.changed === !!change.added) last.text += value;
    else parts.push({ text: value, changed: !!change.added });
  }
  return parts;
}
