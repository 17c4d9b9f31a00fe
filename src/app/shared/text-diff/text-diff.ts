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
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface PairAlignment {
  /** For each base line: the matched (or changed) line of the other text, or null (removed). */
  matched: (string | null)[];
  /** Lines of the other text inserted before base line i (index = base.length: at the end). */
  inserted: string[][];
}

/** Aligns one text against the base; `null` when the diff gave up. */
function alignPair(base: string[], other: string[], options: Required<AlignOptions>): PairAlignment | null {
  const changes = diffArrays(base, other, { maxEditLength: options.maxEditLength, timeout: options.timeoutMs });
  if (!changes) return null;
  const matched: (string | null)[] = [];
  const inserted: string[][] = Array.from({ length: base.length + 1 }, () => []);
  let removedRun: string[] = [];
  const flushRemoved = (added: string[]) => {
    // A removed run followed by an added run is a run of changed lines, paired in order.
    const paired = Math.min(removedRun.length, added.length);
    for (let i = 0; i < removedRun.length; i++) matched.push(i < paired ? added[i] : null);
    inserted[matched.length].push(...added.slice(paired));
    removedRun = [];
  };
  for (const change of changes) {
    if (change.removed) removedRun.push(...change.value);
    else if (change.added) flushRemoved(change.value);
    else {
      flushRemoved([]);
      matched.push(...change.value);
    }
  }
  flushRemoved([]);
  return { matched, inserted };
}

/**
 * Lines up several texts against the first (the base): equal lines share a row, changed lines are
 * paired on one row, lines only some texts have get rows of their own with `null` elsewhere. A text
 * that is too different to diff within the limits is laid out by position instead.
 */
export function alignTexts(texts: (string | null)[], options: AlignOptions = {}): AlignedText {
  const limits = { ...DEFAULT_ALIGN, ...options };
  const base = splitLines(texts[0] ?? '');
  const pairs = texts.map((text, index) => {
    if (index === 0 || text === null) return null;
    return alignPair(base, splitLines(text), limits);
  });
  const unaligned = texts.map((text, index) => index > 0 && text !== null && pairs[index] === null);
  const lines: AlignedLine[] = [];
  const width = texts.length;
  for (let i = 0; i <= base.length; i++) {
    const insertedRows = Math.max(0, ...pairs.map((p) => p?.inserted[i]?.length ?? 0));
    for (let r = 0; r < insertedRows; r++) {
      lines.push(Array.from({ length: width }, (_, t) => pairs[t]?.inserted[i][r] ?? null));
    }
    if (i === base.length) break;
    lines.push(
      Array.from({ length: width }, (_, t) => (t === 0 ? (texts[0] === null ? null : base[i]) : (pairs[t]?.matched[i] ?? null))),
    );
  }
  // Texts that could not be aligned are laid out by position, beside the aligned rows.
  unaligned.forEach((isUnaligned, t) => {
    if (!isUnaligned) return;
    const own = splitLines(texts[t] ?? '');
    own.forEach((line, i) => {
      if (i >= lines.length) lines.push(Array.from({ length: width }, () => null));
      lines[i][t] = line;
    });
  });
  return { lines, unaligned };
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
