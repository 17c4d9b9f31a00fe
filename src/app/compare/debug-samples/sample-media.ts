/** How a debug sample is shown, from its URL (the event type is the same for every kind). */
export type SampleKind = 'image' | 'audio' | 'video';

const AUDIO = new Set(['wav', 'mp3', 'ogg', 'oga', 'flac', 'm4a', 'aac', 'opus']);
const VIDEO = new Set(['mp4', 'webm', 'ogv', 'mov', 'm4v']);

export function sampleKind(url: string): SampleKind {
  const path = url.split(/[?#]/)[0];
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  if (AUDIO.has(ext)) return 'audio';
  if (VIDEO.has(ext)) return 'video';
  return 'image';
}

/**
 * The URL to put in a `src`, or null when it must not be loaded: only http(s) URLs and URLs
 * relative to the page (such as the server's `/files/...`) are allowed; `javascript:`, `data:`,
 * `blob:`, `file:` and anything unparsable are refused.
 */
export function safeSampleUrl(url: string | null | undefined, base: string): string | null {
  const trimmed = (url ?? '').trim();
  if (!trimmed) return null;
  try {
    const parsed = new URL(trimmed, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? trimmed : null;
  } catch {
    return null;
  }
}
