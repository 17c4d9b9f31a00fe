import { formatSlots } from '../shared/task-colors';
import { EMBED_PAGE_OPTIONS, PAGE_OPTIONS } from './page-options';
import { OptionMap, declaredQuery } from './view-options';

/** Query options of the page as the router holds them. */
export type QueryOptions = Record<string, string | string[] | undefined>;

/**
 * The app path of one visualization alone: `/embed;ids=<ids>/<view>?<options>`. It carries the
 * page's view options (smoothing, axes, selections...) with `item` on top (`null` removes one), so
 * the embedded chart looks like the one it was copied from.
 */
export function embedPath(
  ids: readonly string[],
  view: string,
  query: QueryOptions,
  item: Record<string, string | null>,
  slots: readonly number[] = [],
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

/** The query an embed of a view carries: the page's options and those the view declares (`maps`). */
export function embedQuery(query: Readonly<Record<string, unknown>>, ...maps: OptionMap[]): QueryOptions {
  return declaredQuery(query, PAGE_OPTIONS, EMBED_PAGE_OPTIONS, ...maps);
}
