import { Injectable } from '@angular/core';
import { DefaultUrlSerializer, UrlTree } from '@angular/router';
import { COMPARE_ROOTS } from './compare-url';

/**
 * Percent signs that do not start an escape, and escapes that do not decode as UTF-8, as literal
 * `%` (`%25`): `%%%zz` reads as the text `%%%zz` instead of failing the whole URL.
 */
export function repairEscapes(text: string): string {
  return text.replace(/%(?![0-9a-fA-F]{2})/g, '%25').replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      decodeURIComponent(run);
      return run;
    } catch {
      return run.replace(/%/g, '%25');
    }
  });
}

/** A path segment that can name a view (`details`, `hyper-params`, or an unknown word the page falls back from), not a task id. */
function isViewSegment(segment: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(segment) && !/^[0-9a-fA-F]{32}$/.test(segment);
}

/**
 * A compare (or embed) path whose `;ids=` holds slashes, as a pasted text can
 * (`;ids=<script>…</script>,<id>/details`): the segments between the first one and the view belong
 * to the matrix parameters, and are joined back into them (`%2F`), so no id after a slash is lost.
 */
function joinStraySegments(path: string): string {
  const segments = path.split('/');
  const first = path.startsWith('/') ? 1 : 0;
  const root = segments[first]?.split(';')[0] ?? '';
  if (!COMPARE_ROOTS.includes(root) || !segments[first].includes(';')) return path;
  let view = first + 1;
  while (view < segments.length && !isViewSegment(segments[view])) view++;
  if (view === first + 1) return path;
  return [...segments.slice(0, first), segments.slice(first, view).join('%2F'), ...segments.slice(view)].join('/');
}

/**
 * A URL as the router can read it, whatever a link holds: broken escapes are literal text,
 * parentheses in the path are text (the app has no auxiliary outlets, which the router would read
 * them as), and slashes inside a comparison's ids stay in its ids. A URL the app wrote comes out
 * the same.
 */
export function readableUrl(url: string): string {
  const cut = url.search(/[?#]/);
  const path = cut < 0 ? url : url.slice(0, cut);
  const rest = cut < 0 ? '' : url.slice(cut);
  const textParentheses = joinStraySegments(path).replace(/\(/g, '%28').replace(/\)/g, '%29');
  return repairEscapes(textParentheses) + repairEscapes(rest);
}

/** The router's URL reader, through `readableUrl` first: an unreadable link opens the app with a message, not a blank page. */
@Injectable()
export class ReadableUrlSerializer extends DefaultUrlSerializer {
  override parse(url: string): UrlTree {
    return super.parse(readableUrl(url));
  }
}
