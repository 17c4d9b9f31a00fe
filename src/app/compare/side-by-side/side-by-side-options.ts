import { OptionValues, customOption, flagOption, optionsPatch, readOptions, selectOptions, textOption } from '../../url/view-options';
import { ViewOptions } from './visible-rows';

/** The side-by-side options as they sit in the URL query: `hide=1`, `q=<search>`, `collapsed=a,b`, `raw=1`. */
export const SIDE_BY_SIDE_OPTIONS = {
  hideIdentical: flagOption('hide'),
  search: textOption('q'),
  collapsed: customOption(
    'collapsed',
    (raw) => new Set((raw ?? '').split(',').filter(Boolean)),
    (ids: ReadonlySet<string>) => (ids.size ? [...ids].join(',') : null),
  ),
  rawConfig: flagOption('raw'),
};

export interface SideBySideOptions extends ViewOptions {
  rawConfig: boolean;
}

export function readSideBySideOptions(
  hide: string | null,
  search: string | null,
  collapsed: string | null,
  raw: string | null,
): SideBySideOptions {
  return readOptions(SIDE_BY_SIDE_OPTIONS, { hide, q: search, collapsed, raw });
}

export const selectSideBySideOptions = selectOptions(SIDE_BY_SIDE_OPTIONS);

type Values = Partial<OptionValues<typeof SIDE_BY_SIDE_OPTIONS>>;
const patch = (values: Values) => optionsPatch(SIDE_BY_SIDE_OPTIONS, values);

/** The URL patch for one changed option (defaults are left out of the URL). */
export function hideIdenticalPatch(hide: boolean): Record<string, string | null> {
  return patch({ hideIdentical: hide });
}

export function searchPatch(search: string): Record<string, string | null> {
  return patch({ search });
}

export function rawPatch(raw: boolean): Record<string, string | null> {
  return patch({ rawConfig: raw });
}

/** Collapsing an expanded section or expanding a collapsed one. */
export function sectionTogglePatch(collapsed: ReadonlySet<string>, sectionId: string): Record<string, string | null> {
  const next = new Set(collapsed);
  if (next.has(sectionId)) next.delete(sectionId);
  else next.add(sectionId);
  return patch({ collapsed: next });
}
