import { FieldEntry } from '../side-by-side/comparison-model';

export interface DiffFile {
  file: string;
  text: string;
}

/** Uncommitted changes split per file (`diff --git a/x b/x` or `+++ b/x` headers), so hunks match by file. */
export function diffFiles(diff: string): DiffFile[] {
  const lines = diff.split(/\r?\n/);
  const files: DiffFile[] = [];
  let current: { file: string; lines: string[] } | null = null;
  const preamble: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const git = /^diff --git a\/(.+?) b\/(.+)$/.exec(line);
    // A bare "--- / +++" pair starts a file unless it belongs to the "diff --git" header just read.
    const bare = !git && line.startsWith('--- ') && !!lines[i + 1]?.startsWith('+++ ') && (!current || current.lines.some((l) => l.startsWith('@@')));
    if (git || bare) {
      const file = git ? git[2] : lines[i + 1].slice(4).replace(/^b\//, '').replace(/\t.*$/, '');
      if (current) files.push({ file: current.file, text: current.lines.join('\n') });
      current = { file, lines: [] };
    }
    (current ? current.lines : preamble).push(line);
  }
  if (current) files.push({ file: current.file, text: current.lines.join('\n') });
  const text = preamble.join('\n').trim();
  if (text) files.unshift({ file: files.length ? '(header)' : '(changes)', text: preamble.join('\n') });
  return files;
}

const NAME = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/;
const AFTER_NAME = new Set(['=', '>', '<', '~', '!', '@', ';', '[', '']);

/** The package a requirement line names (normalised as pip does), or null for other lines. */
export function packageName(line: string): string | null {
  const match = NAME.exec(line);
  if (!match) return null;
  const next = line.slice(match[0].length).trimStart().charAt(0);
  return AFTER_NAME.has(next) ? match[1].toLowerCase().replace(/[._-]+/g, '-') : null;
}

/** pip requirements as one entry per package (matched by name), other lines matched by their text. */
export function requirementEntries(pip: string, keyPrefix: string, depth: number): FieldEntry[] {
  const entries: FieldEntry[] = [];
  const seen = new Set<string>();
  for (const raw of pip.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const name = line.startsWith('#') || line.startsWith('-') ? null : packageName(line);
    let key = `${keyPrefix}:${name ?? line}`;
    for (let n = 2; seen.has(key); n++) key = `${keyPrefix}:${name ?? line}#${n}`;
    seen.add(key);
    entries.push({ key, label: name ?? '', depth, kind: 'value', value: line });
  }
  return entries;
}
