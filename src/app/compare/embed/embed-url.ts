import { formatSlots } from '../../shared/task-colors';

/** Query options of the page as the router holds them. */
export type QueryOptions = Record<string, string | string[] | undefined>;

/** Default size of an embedded chart, in CSS pixels. */
export const EMBED_SIZE = { width: 800, height: 480 };

/**
 * The app path of one visualization alone: `/embed;ids=<ids>/<view>?<options>`. It carries the
 * page's view options (smoothing, axes, selections...) with `item` on top (`null` removes one), so
 * the embedded chart looks like the one it was copied from.
 */
export function embedPath(
  ids: readonly string[], view: string, query: QueryOptions, item: Record<string, string | null>, slots: readonly number[] = [],
): string {
  const params = new URLSearchParams();
  const merged: QueryOptions = { ...query };
  for (const [key, value] of Object.entries(item)) merged[key] = value ?? undefined;
  for (const key of Object.keys(merged).sort()) {
    const value = merged[key];
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, one);
  }
  const search = params.toString();
  // The tasks' colour slots too, so the embedded chart has the page's colours.
  const written = slots.length === ids.length ? formatSlots(slots) : null;
  return `/embed;ids=${ids.join(',')}${written ? `;slots=${written}` : ''}/${view}${search ? `?${search}` : ''}`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The HTML to paste into another page: an iframe of `url`, with a title for screen readers. */
export function embedSnippet(url: string, title: string, size = EMBED_SIZE): string {
  return (
    `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="${size.width}" height="${size.height}" ` +
    `style="border: 0" loading="lazy"></iframe>`
  );
}
