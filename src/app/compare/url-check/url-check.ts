import { COMPARE_TABS } from '../../url/compare-url';
import { PAGE_OPTIONS } from '../../url/page-options';
import { uncheckedValues } from '../../url/view-options';
import { VIEW_OPTIONS } from '../view-options';

/** Something in a compare link the page could not use, and what it shows instead. */
export interface UrlProblem {
  /** The query option, or `view` for the path. */
  name: string;
  value: string;
  fallback: string;
}

/** Splits `/compare-tasks;ids=a,b/scalars/graph?smooth=x` into its view path and query. */
export function splitCompareUrl(url: string): { root: string; view: string[]; query: URLSearchParams } | null {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://app.invalid');
  } catch {
    return null;
  }
  const segments = parsed.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => s.split(';')[0]);
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
    return {
      view: `${tab.path}/${first.path}`,
      problem: { name: 'view', value: segments.join('/'), fallback: `${tab.label}: ${first.label}` },
    };
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
  // Values of a fixed form, as the page's and the view's option maps declare them. Names of metrics
  // and parameters are not checked here: the tabs drop the ones the tasks do not have.
  return [...problems, ...uncheckedValues(parts.query, PAGE_OPTIONS, ...(VIEW_OPTIONS[view] ?? []))];
}

/** One sentence for the notice, the values cut so a huge link stays readable. */
export function describeProblems(problems: readonly UrlProblem[]): string {
  const cut = (text: string) => (text.length > 40 ? `${text.slice(0, 37)}…` : text);
  const parts = problems
    .slice(0, 4)
    .map((p) =>
      p.name === 'view' ? `view "${cut(p.value)}" (showing ${p.fallback})` : `${p.name}="${cut(p.value)}" (using ${p.fallback})`,
    );
  const more = problems.length > 4 ? ` and ${problems.length - 4} more` : '';
  return `Parts of this link could not be read and were replaced by defaults: ${parts.join(', ')}${more}.`;
}

/** The query options to remove from the URL (null each), so the link reads cleanly again. */
export function optionsToClear(problems: readonly UrlProblem[]): Record<string, null> {
  return Object.fromEntries(problems.filter((p) => p.name !== 'view').map((p) => [p.name, null]));
}
