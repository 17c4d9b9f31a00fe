import { createSelector } from '@ngrx/store';
import { selectViewOption } from '../../state/compare/compare.feature';
import { ViewOptions } from './visible-rows';

/** The side-by-side options as they sit in the URL query: `hide=1`, `q=<search>`, `collapsed=a,b`, `raw=1`. */
export const SIDE_BY_SIDE_PARAMS = { hideIdentical: 'hide', search: 'q', collapsed: 'collapsed', raw: 'raw' } as const;

export interface SideBySideOptions extends ViewOptions {
  rawConfig: boolean;
}

export function readSideBySideOptions(hide: string | null, search: string | null, collapsed: string | null, raw: string | null): SideBySideOptions {
  return {
    hideIdentical: hide === '1' || hide === 'true',
    search: search ?? '',
    collapsed: new Set((collapsed ?? '').split(',').filter(Boolean)),
    rawConfig: raw === '1' || raw === 'true',
  };
}

export const selectSideBySideOptions = createSelector(
  selectViewOption(SIDE_BY_SIDE_PARAMS.hideIdentical),
  selectViewOption(SIDE_BY_SIDE_PARAMS.search),
  selectViewOption(SIDE_BY_SIDE_PARAMS.collapsed),
  selectViewOption(SIDE_BY_SIDE_PARAMS.raw),
  readSideBySideOptions,
);

/** The URL patch for one changed option (defaults are left out of the URL). */
export function hideIdenticalPatch(hide: boolean): Record<string, string | null> {
  return { [SIDE_BY_SIDE_PARAMS.hideIdentical]: hide ? '1' : null };
}

export function searchPatch(search: string): Record<string, string | null> {
  return { [SIDE_BY_SIDE_PARAMS.search]: search.trim() ? search : null };
}

export function rawPatch(raw: boolean): Record<string, string | null> {
  return { [SIDE_BY_SIDE_PARAMS.raw]: raw ? '1' : null };
}

/** Collapsing an expanded section or expanding a collapsed one. */
export function sectionTogglePatch(collapsed: ReadonlySet<string>, sectionId: string): Record<string, string | null> {
  const next = new Set(collapsed);
  if (next.has(sectionId)) next.delete(sectionId);
  else next.add(sectionId);
  return { [SIDE_BY_SIDE_PARAMS.collapsed]: next.size ? [...next].join(',') : null };
}
