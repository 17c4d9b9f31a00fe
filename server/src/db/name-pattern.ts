import { validationError } from '../api-error';

/**
 * Checks a `name` filter (a case-insensitive regular expression, as in ClearML) before SQLite runs it
 * on every name. Refuses invalid patterns and a quantified group that itself holds a quantifier or
 * an alternation (`(a+)+`, `(a|aa)*`): JavaScript's backtracking engine can take exponential time
 * on those, and one request would stall the server.
 */
export function checkNamePattern(field: string, pattern: string): void {
  try {
    new RegExp(pattern, 'i');
  } catch {
    throw validationError(`${field} is not a valid regular expression: ${pattern}`);
  }
  if (hasNestedQuantifier(pattern)) {
    throw validationError(`${field}: a repeated group that holds a repetition or '|' is refused (it can take exponential time): ${pattern}`);
  }
}

function quantifierAt(pattern: string, i: number): boolean {
  const c = pattern[i];
  if (c === '*' || c === '+') return true;
  if (c === '{') return /^\{\d*,?\d*\}/.test(pattern.slice(i)) && !/^\{(0|1)\}/.test(pattern.slice(i));
  return false;
}

export function hasNestedQuantifier(pattern: string): boolean {
  const risky: boolean[] = []; // per open group: does it hold a quantifier or '|'?
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      if (quantifierAt(pattern, i + 1) && risky.length) risky[risky.length - 1] = true;
      continue;
    }
    if (c === '[') {
      // Skip a character class; a quantifier after it counts like one after any atom.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      if (quantifierAt(pattern, i + 1) && risky.length) risky[risky.length - 1] = true;
      continue;
    }
    if (c === '(') risky.push(false);
    else if (c === ')') {
      const inner = risky.pop() ?? false;
      if (inner && quantifierAt(pattern, i + 1)) return true;
      if ((inner || quantifierAt(pattern, i + 1)) && risky.length) risky[risky.length - 1] = true;
    } else if ((c === '|' || quantifierAt(pattern, i)) && risky.length) risky[risky.length - 1] = true;
  }
  return false;
}
