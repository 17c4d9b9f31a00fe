import type { Db } from './database';

/**
 * `search_text` as clearml-server runs it: a MongoDB text search over the task's text index (name,
 * id, comment, report, model ids, script repository and entry point; database/model/task/task.py).
 * A query is words, "quoted phrases" and -negated words: a task matches when it holds any of the
 * words (or a phrase), every phrase, and none of the negated words. Words are compared whole, case-
 * and accent-insensitively, so part of a name finds nothing. Unlike MongoDB, English stemming is
 * reduced to a plural `s` and stop words are kept.
 */
export interface TextQuery {
  terms: string[];
  phrases: string[];
  negated: string[];
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** A word as the index keeps it: folded, a plural `s` dropped. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !/[su]s$/.test(word) ? word.slice(0, -1) : word;
}

/** Words are runs of letters, digits and `_` (MongoDB splits on spaces, dashes and punctuation). */
export function textWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean)
    .map(stem);
}

export function parseTextQuery(query: string): TextQuery {
  const phrases: string[] = [];
  const rest = query.replace(/"([^"]*)"/g, (_match, phrase: string) => {
    if (phrase.trim()) phrases.push(fold(phrase.trim()));
    return ' ';
  });
  const terms: string[] = [];
  const negated: string[] = [];
  for (const token of rest.split(/\s+/).filter(Boolean)) {
    if (token.startsWith('-')) negated.push(...textWords(token.slice(1)));
    else terms.push(...textWords(token));
  }
  for (const phrase of phrases) terms.push(...textWords(phrase));
  return { terms, phrases, negated };
}

export function textMatches(query: TextQuery, texts: readonly unknown[]): boolean {
  if (query.terms.length === 0) return false;
  const words = new Set<string>();
  const folded: string[] = [];
  for (const text of texts) {
    if (typeof text !== 'string' || text === '') continue;
    folded.push(fold(text));
    for (const word of textWords(text)) words.add(word);
  }
  if (query.negated.some((word) => words.has(word))) return false;
  if (!query.phrases.every((phrase) => folded.some((text) => text.includes(phrase)))) return false;
  return query.terms.some((word) => words.has(word));
}

/** Registers `text_match(query, text, ...)`: 1 when the texts match the query (see above). */
export function registerTextSearch(db: Db): void {
  const parsed = new Map<string, TextQuery>();
  db.function('text_match', { deterministic: true, varargs: true }, (query: unknown, ...texts: unknown[]) => {
    if (typeof query !== 'string') return 0;
    let parsedQuery = parsed.get(query);
    if (!parsedQuery) {
      if (parsed.size > 100) parsed.clear();
      parsed.set(query, (parsedQuery = parseTextQuery(query)));
    }
    return textMatches(parsedQuery, texts) ? 1 : 0;
  });
}
