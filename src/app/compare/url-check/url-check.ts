import { COMPARE_TABS } from '../../url/compare-url';

/** Something in a compare link the page could not use, and what it shows instead. */
export interface UrlProblem {
  /** The query option, or `view` for the path. */
  name: string;
  value: string;
  fallback: string;
}

type Rule = { test: (value: string) => boolean; fallback: string };

const oneOf = (values: readonly string[], fallback: string): Rule => ({ test: (v) => values.includes(v), fallback });
const flag: Rule = oneOf(['1', '0', 'true', 'false'], 'off');
const number = (min: number, max: number, fallback: string): Rule => ({
  test: (v) => v.trim() !== '' && Number.isFinite(Number(v)) && Number(v) >= min && Number(v) <= max,
  fallback,
});
const integer: Rule = { test: (v) => /^-?\d{1,15}$/.test(v.trim()), fallback: 'the newest' };
const TASK_ID_LIST: Rule = { test: (v) => v.split(',').every((id) => /^[0-9a-f]{32}$/i.test(id.trim())), fallback: 'all tasks shown' };

/**
 * The options whose values have a fixed form, per view (a path prefix; '' for every view). Names
 * of metrics and parameters are not checked here: the tabs drop the ones the tasks do not have.
 */
const RULES: Record<string, Record<string, Rule>> = {
  '': {
    live: oneOf(['on', 'off'], 'auto-refresh on'),
    refresh: number(0.5, 3600, '10 s'),
  },
  'scalars/graph': {
    group: oneOf(['metric', 'metric-variant'], 'a chart per metric and variant'),
    smooth: number(0, 0.999, 'no smoothing'),
    x: oneOf(['iter', 'relative', 'wall'], 'iterations'),
    log: flag,
    hover: oneOf(['x', 'closest'], 'all tasks at the same x'),
    hide: TASK_ID_LIST,
  },
  'scalars/values': { extremes: flag, diff: flag },
  'scalars/min-values': { extremes: flag, diff: flag },
  'scalars/max-values': { extremes: flag, diff: flag },
  'hyper-params/scatter': { scLog: oneOf(['on', 'off', 'auto'], 'automatic') },
  'metrics-plots': { plotsGroup: oneOf(['metric', 'variant'], 'grouped by variant'), plotsDiff: flag },
  'debug-images': { iter: integer, sync: flag, follow: flag },
  details: { hide: flag, raw: flag },
  'hyper-params/values': { hide: flag, raw: flag },
};


/** Splits `/compare-tasks;ids=a,b/scalars/graph?smooth=x` into its view path and query. */
export function splitCompareUrl(url: string): { root: string; view: string[]; query: URLSearchParams } | null {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://app.invalid');
  } catch {
    return null;
  }
  const segments = parsed.pathname.split('/').filter(Boolean).map((s) => s.split(';')[0]);
  if (!segments.length) return null;
  return { root: decodeSafe(segments[0]), view: segments.slice(1).map(decodeSafe), query: parsed.searchParams };
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The view the router shows for `segments`: known tab and view, or the defaults it falls back to. */
export function checkView(segments: readonly string[]): { view: string; problem: UrlProblem | null } {
  const [tabPath, viewPath, ...rest] = segments;
  if (!tabPath) return { view: 'details', problem: null };
  const tab = COMPARE_TABS.find((t) => t.path === tabPath);
  if (!tab) return { view: 'details', problem: { name: 'view', value: segments.join('/'), fallback: 'Details' } };
  if (!tab.views.length) {
    return viewPath === undefined
      ? { view: tab.path, problem: null }
      : { view: tab.path, problem: { name: 'view', value: segments.join('/'), fallback: tab.label } };
  }
  const first = tab.views[0];
  const view = tab.views.find((v) => v.path === viewPath);
  if (viewPath === undefined) return { view: `${tab.path}/${first.path}`, problem: null };
  if (!view || rest.length) {
    return { view: `${tab.path}/${first.path}`, problem: { name: 'view', value: segments.join('/'), fallback: `${tab.label}: ${first.label}` } };
  }
  return { view: `${tab.path}/${view.path}`, problem: null };
}

/**
 * What in a compare-page URL cannot be used: an unknown tab or view, and view options whose
 * values are not of their form. Ids are not checked here (the page says which ones it skipped).
 */
export function checkCompareUrl(url: string): UrlProblem[] {
  const parts = splitCompareUrl(url);
  if (!parts || parts.root !== 'compare-tasks') return [];
  const { view, problem } = checkView(parts.view);
  const problems: UrlProblem[] = problem ? [problem] : [];
  const rules: Record<string, Rule> = { ...RULES[''] };
  for (const [prefix, viewRules] of Object.entries(RULES)) {
    if (prefix && view.startsWith(prefix)) Object.assign(rules, viewRules);
  }
  for (const [name, rule] of Object.entries(rules)) {
    for (const value of parts.query.getAll(name)) {
      if (!rule.test(value)) problems.push({ name, value, fallback: rule.fallback });
    }
  }
  return problems;
}

/** One sentence for the notice, the values cut so a huge link stays readable. */
export function describeProblems(problems: readonly UrlProblem[]): string {
  const cut = (text: string) => (text.length > 40 ? `${text.slice(0, 37)}…` : text);
  const parts = problems.slice(0, 4).map((p) => (p.name === 'view' ? `view "${cut(p.value)}" (showing ${p.fallback})` : `${p.name}="${cut(p.value)}" (using ${p.fallback})`));
  const more = problems.length > 4 ? ` and ${problems.length - 4} more` : '';
  return `Parts of this link could not be read and were replaced by defaults: ${parts.join(', ')}${more}.`;
}

/** The query options to remove from the URL (null each), so the link reads cleanly again. */
export function optionsToClear(problems: readonly UrlProblem[]): Record<string, null> {
  return Object.fromEntries(problems.filter((p) => p.name !== 'view').map((p) => [p.name, null]));
}
