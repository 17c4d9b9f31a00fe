import { LRUCache } from 'lru-cache';
import { RE2JS } from 're2js';
import { InvalidQueryError } from './db-errors';

/**
 * A regular expression a client sent (a `name` filter, as in ClearML), compiled for RE2's
 * linear-time engine: matching takes time proportional to the name's length times the pattern's
 * size, never the exponential time a backtracking engine can take on `^(a+)+$`.
 */
export interface ClientPattern {
  readonly source: string;
  /** Whether the pattern matches anywhere in `value`, case-insensitively. */
  test(value: string): boolean;
}

/**
 * Largest compiled program (RE2's measure of a pattern's cost, about one unit per character it
 * matches). Matching a name costs up to this many steps per character; `[a-z]{1000}` is 1002.
 */
export const MAX_PATTERN_PROGRAM = 2000;
/** Distinct patterns kept compiled. */
export const PATTERN_CACHE_SIZE = 256;

const compiled = new LRUCache<string, ClientPattern>({ max: PATTERN_CACHE_SIZE });

/**
 * Checks and compiles a client's pattern, once per distinct pattern (a bounded cache). Throws an
 * InvalidQueryError naming `field` (answered 400) for a pattern RE2 cannot run: invalid syntax,
 * backreferences (`\1`), lookaround (`(?=`, `(?!`, `(?<=`), or a program larger than MAX_PATTERN_PROGRAM.
 */
export function clientPattern(field: string, pattern: string): ClientPattern {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  let re: RE2JS;
  try {
    re = RE2JS.compile(withoutNonAsciiEscapes(pattern), RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw patternError(field, pattern, `${reason} (patterns run on RE2: no backreferences or lookaround)`);
  }
  if (re.programSize() > MAX_PATTERN_PROGRAM) {
    throw patternError(field, pattern, `the pattern is too large (RE2 program size ${re.programSize()}, at most ${MAX_PATTERN_PROGRAM})`);
  }
  const result: ClientPattern = { source: pattern, test: (value) => re.test(value) };
  compiled.set(pattern, result);
  return result;
}

/** How many compiled patterns are kept (tests check the bound). */
export function clientPatternCacheSize(): number {
  return compiled.size;
}

/**
 * `\é` as `é`: Python before 3.7 escaped every non-alphanumeric character in `re.escape` (the
 * SDK's exact-name patterns), and PCRE reads an escaped non-ASCII character as itself; RE2 refuses it.
 */
function withoutNonAsciiEscapes(pattern: string): string {
  if (!/\\[^\p{ASCII}]/u.test(pattern)) return pattern;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\' && i + 1 < pattern.length) {
      if (pattern.charCodeAt(i + 1) > 0x7f) out += pattern[++i];
      else out += pattern[i] + pattern[++i];
    } else out += pattern[i];
  }
  return out;
}

function patternError(field: string, pattern: string, reason: string): InvalidQueryError {
  const shown = pattern.length > 200 ? `${pattern.slice(0, 197)}...` : pattern;
  return new InvalidQueryError(field, `${field} is not a regular expression the server can run: ${reason}: ${shown}`);
}
