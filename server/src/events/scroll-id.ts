import { validationError } from '../api-error';

/**
 * Scroll ids carry their cursor inside (base64url JSON), so the server keeps no per-scroll state
 * and a scroll survives a restart.
 */
export function encodeScrollId(kind: string, cursor: unknown): string {
  return Buffer.from(JSON.stringify({ k: kind, c: cursor }), 'utf8').toString('base64url');
}

export function decodeScrollId<T>(kind: string, scrollId: string): T {
  try {
    const decoded = JSON.parse(Buffer.from(scrollId, 'base64url').toString('utf8'));
    if (decoded?.k === kind && decoded.c !== undefined) return decoded.c as T;
  } catch {
    // fall through
  }
  throw validationError(`scroll_id is not a valid ${kind} scroll id`);
}
