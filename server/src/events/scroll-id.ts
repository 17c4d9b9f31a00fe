import { validationError } from '../api-error';

/**
 * Scroll ids carry their cursor inside (base64url JSON), so the server keeps no per-scroll state
 * and a scroll survives a restart.
 */
export function encodeScrollId(kind: string, cursor: unknown): string {
  return Buffer.from(JSON.stringify({ k: kind, c: cursor }), 'utf8').toString('base64url');
}

/**
 * The cursor of a scroll id of this kind; a 400 naming `scroll_id` when it does not decode or its
 * cursor does not have the shape `valid` checks (a client may send anything back).
 */
export function decodeScrollId<T>(kind: string, scrollId: string, valid: (cursor: unknown) => cursor is T): T {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(scrollId, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  const cursor = decoded !== null && typeof decoded === 'object' ? (decoded as { k?: unknown; c?: unknown }) : null;
  if (cursor?.k === kind && valid(cursor.c)) return cursor.c;
  throw validationError(`scroll_id is not a valid ${kind} scroll id`);
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
