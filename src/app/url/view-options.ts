import { createSelector, MemoizedSelector } from '@ngrx/store';
import { selectQueryParams } from './router-state';

/**
 * One view option as it sits in the URL query. A view declares its options once, as a map of
 * these; the view reads them (`selectOptions`), writes them (`optionsPatch`), and the embed and the
 * link check read the same map.
 */
export interface UrlOption<T> {
  /** The query parameter (`smooth`, `pcMetrics`...): it never changes, shared links hold it. */
  readonly name: string;
  /** The value when the parameter is absent, or holds a value of the wrong form. */
  readonly default: T;
  /** The value from the query (null: absent). */
  parse(raw: string | null): T;
  /** The query value; null leaves the parameter out (the default is never written). */
  format(value: T): string | null;
  /**
   * Values of a fixed form: a raw value failing `test` is reported when a link is opened (the view
   * shows `fallback` instead). Absent where any text is read (names of metrics, searches...).
   */
  readonly check?: { test(raw: string): boolean; fallback: string };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OptionMap = Readonly<Record<string, UrlOption<any>>>;
export type OptionValues<M extends OptionMap> = { [K in keyof M]: M[K] extends UrlOption<infer T> ? T : never };
/** Query changes: a parameter's new value, or null to remove it. */
export type QueryPatch = Record<string, string | null>;

/** A parameter's first value from the router's query params (null: absent). */
export function queryValue(params: Record<string, unknown>, name: string): string | null {
  const value = params[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? null) : null;
}

/** One raw view option from the URL query (`null` when absent). Views read typed options through `selectOptions`. */
export const selectViewOption = (name: string) => createSelector(selectQueryParams, (params): string | null => queryValue(params, name));

/**
 * Every option of `map`, parsed. Recomputed only when one of the map's own parameters changes, so
 * other views' options moving leave its consumers alone.
 */
export function selectOptions<M extends OptionMap>(map: M): MemoizedSelector<object, OptionValues<M>> {
  const keys = Object.keys(map);
  const selectRaw = createSelector(selectQueryParams, (params) => JSON.stringify(keys.map((key) => queryValue(params, map[key].name))));
  return createSelector(selectRaw, (raw) => parseOptions(map, JSON.parse(raw) as (string | null)[]));
}

function parseOptions<M extends OptionMap>(map: M, raws: readonly (string | null)[]): OptionValues<M> {
  return Object.fromEntries(Object.entries(map).map(([key, option], index) => [key, option.parse(raws[index] ?? null)])) as OptionValues<M>;
}

/** The options of `map` read from plain query values (`{ smooth: '0.6' }`): for code outside the store. */
export function readOptions<M extends OptionMap>(map: M, query: Readonly<Record<string, string | null | undefined>>): OptionValues<M> {
  return parseOptions(
    map,
    Object.values(map).map((option) => query[option.name] ?? null),
  );
}

/** The query changes that write `values` (a default removes its parameter). */
export function optionsPatch<M extends OptionMap>(map: M, values: Partial<OptionValues<M>>): QueryPatch {
  const patch: QueryPatch = {};
  for (const [key, value] of Object.entries(values)) {
    const option = map[key];
    if (option) patch[option.name] = option.format(value);
  }
  return patch;
}

/** The parameters of `query` that `maps` declare: what a link to the view carries. */
export function declaredQuery(query: Readonly<Record<string, unknown>>, ...maps: OptionMap[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const map of maps) {
    for (const { name } of Object.values(map)) {
      const value = queryValue(query, name);
      if (value !== null) picked[name] = value;
    }
  }
  return picked;
}

/** The parameters of `query` whose values do not have the form their option declares. */
export function uncheckedValues(query: URLSearchParams, ...maps: OptionMap[]): { name: string; value: string; fallback: string }[] {
  const problems: { name: string; value: string; fallback: string }[] = [];
  const seen = new Set<string>();
  for (const map of maps) {
    for (const { name, check } of Object.values(map)) {
      if (!check || seen.has(name)) continue;
      seen.add(name);
      for (const value of query.getAll(name)) if (!check.test(value)) problems.push({ name, value, fallback: check.fallback });
    }
  }
  return problems;
}

// Option kinds. Each writes nothing for its default.

/** `name=1` when on (`true` is read too); absent: off. */
export function flagOption(name: string): UrlOption<boolean> {
  return {
    name,
    default: false,
    parse: (raw) => raw === '1' || raw === 'true',
    format: (on) => (on ? '1' : null),
    check: { test: (raw) => ['1', '0', 'true', 'false'].includes(raw), fallback: 'off' },
  };
}

/** Free text (a search); absent: empty. Blank text is left out of the URL. */
export function textOption(name: string): UrlOption<string> {
  return { name, default: '', parse: (raw) => raw ?? '', format: (text) => (text.trim() ? text : null) };
}

/** One of fixed values; anything else reads as the default (`fallback` says it in words). */
export function choiceOption<T extends string>(name: string, values: readonly T[], fallbackValue: T, fallback: string): UrlOption<T> {
  return {
    name,
    default: fallbackValue,
    parse: (raw) => (values.includes(raw as T) ? (raw as T) : fallbackValue),
    format: (value) => (value === fallbackValue ? null : value),
    check: { test: (raw) => values.includes(raw as T), fallback },
  };
}

/** A number within [min, max] (outside: clamped; not a number: the default). */
export function numberOption(name: string, min: number, max: number, fallbackValue: number, fallback: string): UrlOption<number> {
  const valid = (raw: string) => raw.trim() !== '' && Number.isFinite(Number(raw));
  return {
    name,
    default: fallbackValue,
    parse: (raw) => (raw === null || !valid(raw) ? fallbackValue : Math.min(max, Math.max(min, Number(raw)))),
    format: (value) => (value === fallbackValue ? null : String(value)),
    check: { test: (raw) => valid(raw) && Number(raw) >= min && Number(raw) <= max, fallback },
  };
}

/** Any other value: the view's own parse and format (absent reads as `parse(null)`). */
export function customOption<T>(
  name: string,
  parse: (raw: string | null) => T,
  format: (value: T) => string | null,
  check?: UrlOption<T>['check'],
): UrlOption<T> {
  return { name, default: parse(null), parse, format, ...(check ? { check } : {}) };
}

/** `href` without the query parameters no map declares (a link keeps what reproduces the page, and only that). */
export function withDeclaredOptions(href: string, ...maps: OptionMap[]): string {
  const url = new URL(href);
  const names = new Set(maps.flatMap((map) => Object.values(map).map((option) => option.name)));
  const undeclared = [...new Set(url.searchParams.keys())].filter((name) => !names.has(name));
  if (!undeclared.length) return href;
  for (const name of undeclared) url.searchParams.delete(name);
  return url.href;
}
