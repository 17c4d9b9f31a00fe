import { readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';

/** Access key → secret key. */
export type ApiKeys = ReadonlyMap<string, string>;

/**
 * Parses `key:secret` pairs separated by commas or new lines (blank lines and `#` comments
 * skipped). The secret is everything after the first colon. Errors name the entry by its position
 * and access key, never by its secret.
 */
export function parseApiKeys(text: string, source = 'keys'): Map<string, string> {
  const keys = new Map<string, string>();
  const entries = text.split(/[\n,]/).map((line) => line.replace(/#.*$/, '').trim());
  entries.forEach((entry, index) => {
    if (entry === '') return;
    const colon = entry.indexOf(':');
    const access = colon < 0 ? entry : entry.slice(0, colon).trim();
    const secret = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!access || !secret) {
      throw new Error(
        `${source}: entry ${index + 1} must be "access_key:secret_key"${access ? ` (access key ${access} has no secret)` : ''}`,
      );
    }
    if (/\s/.test(access)) throw new Error(`${source}: entry ${index + 1}: an access key cannot contain spaces`);
    if (secret.length < 8) throw new Error(`${source}: the secret of access key ${access} is shorter than 8 characters`);
    if (keys.has(access)) throw new Error(`${source}: access key ${access} is listed twice`);
    keys.set(access, secret);
  });
  return keys;
}

/** Keys from `COMPARE_API_KEYS` and/or a keys file; null when neither gives any. */
export function loadApiKeys(env: string | undefined, file: string | undefined): Map<string, string> | null {
  const keys = new Map<string, string>();
  if (env && env.trim()) for (const [k, v] of parseApiKeys(env, 'COMPARE_API_KEYS')) keys.set(k, v);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`--keys: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    for (const [k, v] of parseApiKeys(text, file)) {
      if (keys.has(k)) throw new Error(`${file}: access key ${k} is also in COMPARE_API_KEYS`);
      keys.set(k, v);
    }
  }
  return keys.size > 0 ? keys : null;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Compare equal lengths so the time taken says nothing about the secret.
  const padded = Buffer.alloc(left.length);
  right.copy(padded, 0, 0, Math.min(right.length, left.length));
  return timingSafeEqual(left, padded) && left.length === right.length;
}

/** Whether `secret` is the secret of `access`. */
export function checkKey(keys: ApiKeys, access: string, secret: string): boolean {
  const expected = keys.get(access);
  if (expected === undefined) {
    sameText(secret, secret);
    return false;
  }
  return sameText(expected, secret);
}

/** Host names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}
