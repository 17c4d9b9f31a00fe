import { createHash, randomUUID } from 'node:crypto';

/** A new id in ClearML's form: 32 lowercase hex characters (a uuid4 without dashes). */
export function newId(): string {
  return randomUUID().replace(/-/g, '');
}

/** The key ClearML uses for a metric or variant name inside `last_metrics`. */
export function nameHash(name: string): string {
  return createHash('md5').update(name, 'utf8').digest('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}
