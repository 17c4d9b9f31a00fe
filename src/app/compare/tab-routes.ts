import { Routes } from '@angular/router';

/**
 * Each tab's lazy routes. Kept apart from compare.routes so the app's routes can start loading a
 * tab's code together with the compare page's (see `warmTabFor`), instead of after it.
 */
export const TAB_ROUTES: Record<string, () => Promise<Routes>> = {
  details: () => import('./details/details.routes').then((m) => m.DETAILS_ROUTES),
  'hyper-params': () => import('./hyperparameters/hyperparameters.routes').then((m) => m.HYPERPARAMETERS_ROUTES),
  scalars: () => import('./scalars/scalars.routes').then((m) => m.SCALARS_ROUTES),
  'metrics-plots': () => import('./metrics-plots/metrics-plots.routes').then((m) => m.METRICS_PLOTS_ROUTES),
  'debug-images': () => import('./debug-samples/debug-samples.routes').then((m) => m.DEBUG_SAMPLES_ROUTES),
};

/** The compare page's children (and the embed page's): one lazy route per tab, Details by default. */
export const TAB_CHILD_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'details' },
  ...Object.entries(TAB_ROUTES).map(([path, loadChildren]) => ({ path, loadChildren })),
  { path: '**', redirectTo: 'details' },
];

/**
 * Starts loading the code of the tab a compare or embed URL shows (`/compare-tasks;ids=…/scalars/…`;
 * none: Details, where the page redirects). The module loader keeps the import, so the router's own
 * load of the tab later finds it done or under way.
 */
export function warmTabFor(path: string): void {
  const match = /^\/(?:compare-tasks|embed)(?:;[^/?#]*)?(?:\/([^/?#;]+))?/.exec(path);
  if (match) TAB_ROUTES[match[1] ?? 'details']?.().catch(() => undefined);
}
