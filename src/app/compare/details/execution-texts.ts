import { FieldEntry } from '../side-by-side/comparison-model';

export interface DiffFile {
  file: string;
  text: string;
  lines: string[];
}

/** Uncommitted changes split per file (`diff --git a/x b/x` or `+++ b/x` headers), so hunks match by file. */
export function diffFiles(diff: string): DiffFile[] {
  const lines = diff.includes('\r') ? diff.split(/\r?\n/) : diff.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const files: DiffFile[] = [];
  let current: { file: string; lines: string[] } | null = null;
  const preamble: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const first = line.charCodeAt(0);
    if (first !== 100 /* d */ && first !== 45 /* - */) {
      (current ? current.lines : preamble).push(line);
      continue;
    }
    const git = /^diff --git a\/(.+?) b\/(.+)$/.exec(line);
    // A bare "--- / +++" pair starts a file unless it belongs to the "diff --git" header just read.
    const bare =
      !git && line.startsWith('--- ') && !!lines[i + 1]?.startsWith('+++ ') && (!current || current.lines.some((l) => l.startsWith('@@')));
    if (git || bare) {
      const file = git ? git[2] : lines[i + 1].slice(4).replace(/^b\//, '').replace(/\t.*$/, '');
      if (current) files.push(diffFile(current.file, current.lines));
      current = { file, lines: [] };
    }
    (current ? current.lines : preamble).push(line);
  }
  if (current) files.push(diffFile(current.file, current.lines));
  if (preamble.join('\n').trim()) files.unshift(diffFile(files.length ? '(header)' : '(changes)', preamble));
  return files;
}

function diffFile(file: string, lines: string[]): DiffFile {
  return {
    file,
    lines,
    get text() {
      return lines.join('\n');
    },
  };
}

const NAME = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/;
const AFTER_NAME = new Set(['=', '>', '<', '~', '!', '@', ';', '[', '']);

/** Package names of lines already read: most lines repeat in every compared task. */
const knownNames = new Map<string, string | null>();

/** The package a requirement line names (normalised as pip does), or null for other lines. */
export function packageName(line: string): string | null {
  let name = knownNames.get(line);
  if (name === undefined) {
    if (knownNames.size > 200_000) knownNames.clear();
    knownNames.set(line, (name = readPackageName(line)));
  }
  return name;
}

function readPackageName(line: string): string | null {
  const match = NAME.exec(line);
  if (!match) return null;
  const next = line.slice(match[0].length).trimStart().charAt(0);
  return AFTER_NAME.has(next) ? match[1].toLowerCase().replace(/[._-]+/g, '-') : null;
}

/**
 * Entries of requirement lines already read, by line and key prefix: a line repeats in most
 * compared tasks, so its entry (immutable) is shared instead of read again.
 */
const knownEntries = new Map<string, Map<string, FieldEntry>>();

function requirementEntry(line: string, known: Map<string, FieldEntry>, keyPrefix: string, depth: number): FieldEntry {
  let entry = known.get(line);
  if (!entry) {
    if (known.size > 200_000) known.clear();
    const name = line.startsWith('#') || line.startsWith('-') ? null : packageName(line);
    entry = { key: `${keyPrefix}:${name ?? line}`, label: name ?? '', depth, kind: 'value', value: line };
    known.set(line, entry);
  }
  return entry;
}

/** pip requirements as one entry per package (matched by name), other lines matched by their text. */
export function requirementEntries(pip: string, keyPrefix: string, depth: number): FieldEntry[] {
  const entries: FieldEntry[] = [];
  const seen = new Set<string>();
  const cacheKey = `${depth}:${keyPrefix}`;
  let known = knownEntries.get(cacheKey);
  if (!known) knownEntries.set(cacheKey, (known = new Map()));
  for (const raw of pip.includes('\r') ? pip.split(/\r?\n/) : pip.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    let entry = requirementEntry(line, known, keyPrefix, depth);
    if (seen.has(entry.key)) {
      let n = 2;
      while (seen.has(`${entry.key}#${n}`)) n++;
      entry = { ...entry, key: `${entry.key}#${n}` };
    }
    seen.add(entry.key);
    entries.push(entry);
  }
  return entries;
}
