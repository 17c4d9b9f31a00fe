import { resolve, sep } from 'node:path';
import { ApiError } from '../api-error';

function refuse(reason: string): ApiError {
  return new ApiError(400, 12, `Validation error: invalid file path (${reason})`);
}

/**
 * The absolute location of a storage path inside `filesDir`. Refuses empty and absolute paths,
 * `..` segments, NUL bytes, double-encoded separators, and anything that would resolve outside the folder.
 */
export function resolveStoragePath(filesDir: string, path: string): { relative: string; absolute: string } {
  if (!path) throw refuse('empty');
  if (path.includes('\0')) throw refuse('NUL byte');
  // Still percent-encoded after the URL was decoded once: a double-encoded dot, slash, backslash or NUL.
  if (/%(2e|2f|5c|00)/i.test(path)) throw refuse('double-encoded dot, slash or backslash');
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-zA-Z]:/.test(path)) throw refuse('absolute path');
  const segments = path.split(/[\\/]/);
  if (segments.includes('..')) throw refuse("'..' segment");
  const relative = segments.filter((s) => s !== '' && s !== '.').join('/');
  if (!relative) throw refuse('empty');
  const root = resolve(filesDir);
  const absolute = resolve(root, relative);
  if (!absolute.startsWith(root + sep)) throw refuse('outside the storage folder');
  return { relative, absolute };
}
