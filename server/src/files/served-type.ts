import { open } from 'node:fs/promises';
import { extname } from 'node:path';

/**
 * How a stored file is served. Files are whatever training code (or anyone who can write) uploaded,
 * so nothing under /files may run in the app's origin:
 * - images, audio and video are shown inline (debug samples) when their extension is a known media
 *   type, and for images when the first bytes are really that format; text and logs inline as
 *   text/plain;
 * - SVG keeps its type (an <img> shows it, and an <img> runs no script) but is a download when
 *   opened as a page;
 * - everything else (HTML, XML, JavaScript, PDF, JSON, archives, models, unknown) is a download typed
 *   application/octet-stream, which no browser renders or runs as a script (with nosniff).
 * Every /files answer also carries `Content-Security-Policy: sandbox` (web/security-headers.ts).
 */
export interface ServedType {
  contentType: string;
  /** `inline`, or `attachment` (the browser saves it instead of showing it). */
  disposition: 'inline' | 'attachment';
}

const DOWNLOAD: ServedType = { contentType: 'application/octet-stream', disposition: 'attachment' };

type Magic = (head: Buffer) => boolean;
const starts =
  (...bytes: number[]): Magic =>
  (head) =>
    bytes.every((b, i) => head[i] === b);
const ascii =
  (text: string, at = 0): Magic =>
  (head) =>
    head.subarray(at, at + text.length).toString('latin1') === text;
const isoMedia =
  (brands: string[]): Magic =>
  (head) =>
    ascii('ftyp', 4)(head) && brands.includes(head.subarray(8, 12).toString('latin1'));

/** Images: type and how the format's first bytes look. */
const IMAGES: Record<string, { type: string; magic: Magic }> = {
  png: { type: 'image/png', magic: starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  jpg: { type: 'image/jpeg', magic: starts(0xff, 0xd8, 0xff) },
  jpeg: { type: 'image/jpeg', magic: starts(0xff, 0xd8, 0xff) },
  gif: { type: 'image/gif', magic: (h) => ascii('GIF87a')(h) || ascii('GIF89a')(h) },
  webp: { type: 'image/webp', magic: (h) => ascii('RIFF')(h) && ascii('WEBP', 8)(h) },
  bmp: { type: 'image/bmp', magic: ascii('BM') },
  ico: { type: 'image/x-icon', magic: starts(0x00, 0x00, 0x01, 0x00) },
  avif: { type: 'image/avif', magic: isoMedia(['avif', 'avis']) },
  tif: { type: 'image/tiff', magic: (h) => ascii('II*\0')(h) || ascii('MM\0*')(h) },
  tiff: { type: 'image/tiff', magic: (h) => ascii('II*\0')(h) || ascii('MM\0*')(h) },
};

const AUDIO: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  weba: 'audio/webm',
};
const VIDEO: Record<string, string> = { mp4: 'video/mp4', m4v: 'video/mp4', webm: 'video/webm', ogv: 'video/ogg', mov: 'video/quicktime' };
const TEXT = new Set(['txt', 'log']);

/** Bytes read from the start of a file to check its format. */
export const SNIFF_BYTES = 64;

/** Markup or script at the start (after a byte-order mark and white space): never shown inline. */
function looksActive(head: Buffer): boolean {
  const text = head
    .toString('latin1')
    .replace(/^(\xef\xbb\xbf|\xfe\xff|\xff\xfe)/, '')
    .trimStart();
  return text.startsWith('<') || /^(\0<|<\0)/.test(text);
}

/** How a file is served, from its extension and its first bytes. */
export function servedType(path: string, head: Buffer): ServedType {
  const ext = extname(path).slice(1).toLowerCase();
  const image = IMAGES[ext];
  if (image) return image.magic(head) ? { contentType: image.type, disposition: 'inline' } : DOWNLOAD;
  if (ext === 'svg') return { contentType: 'image/svg+xml', disposition: 'attachment' };
  const media = AUDIO[ext] ?? VIDEO[ext];
  if (media) return looksActive(head) ? DOWNLOAD : { contentType: media, disposition: 'inline' };
  if (TEXT.has(ext)) return looksActive(head) ? DOWNLOAD : { contentType: 'text/plain; charset=utf-8', disposition: 'inline' };
  return DOWNLOAD;
}

export async function readHead(absolute: string): Promise<Buffer> {
  const file = await open(absolute, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** The Content-Disposition header: the file's own name, quoted safely (RFC 6266 / 5987). */
export function contentDisposition(disposition: ServedType['disposition'], path: string): string {
  const name = path.split('/').pop() || 'file';
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
