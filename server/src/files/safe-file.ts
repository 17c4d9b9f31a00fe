import { realpath, stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { ApiError } from '../api-error';

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/**
 * Refuses a path whose real location (symbolic links followed) is outside the real storage folder:
 * for a file that exists, the file itself; for one about to be written, its nearest existing folder.
 */
export async function assertRealPathInside(filesDir: string, absolute: string): Promise<void> {
  const root = await realpath(filesDir);
  let probe = absolute;
  for (;;) {
    const real = await realpath(probe).catch(() => null);
    if (real !== null) {
      if (!inside(root, real)) throw new ApiError(403, 0, 'Forbidden: the path leads outside the storage folder');
      return;
    }
    const parent = dirname(probe);
    if (parent === probe) return;
    probe = parent;
  }
}

export const MAX_RANGE_HEADER = 200;

/**
 * Checks a Range header against a file of `size` bytes. One `bytes=` range is served (206); a header
 * that is malformed, too long, names several ranges, or starts past the end is refused (416, RFC
 * 9110 lets a server reject these); another unit is ignored (the whole file is sent).
 */
export function rangeProblem(header: string | undefined, size: number): string | null {
  if (header === undefined) return null;
  if (header.length > MAX_RANGE_HEADER) return `Range header longer than ${MAX_RANGE_HEADER} characters`;
  const unit = /^\s*([A-Za-z-]+)=/.exec(header);
  if (!unit) return 'malformed Range header';
  if (unit[1].toLowerCase() !== 'bytes') return null;
  const spec = header.slice(unit[0].length).trim();
  if (spec.includes(',')) return 'several ranges in one request are not served';
  const match = /^(\d*)-(\d*)$/.exec(spec);
  if (!match || (match[1] === '' && match[2] === '')) return 'malformed Range header';
  if (match[1] === '') return Number(match[2]) === 0 ? 'empty suffix range' : null;
  const start = Number(match[1]);
  const end = match[2] === '' ? Infinity : Number(match[2]);
  if (!Number.isSafeInteger(start) || end < start) return 'malformed Range header';
  if (start >= size) return `range starts at ${start}, past the end of the ${size}-byte file`;
  return null;
}

export async function fileSize(absolute: string): Promise<number | null> {
  const found = await stat(absolute).catch(() => null);
  return found?.isFile() ? found.size : null;
}
