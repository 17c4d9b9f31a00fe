import { inject } from '@angular/core';
import { Router, Routes } from '@angular/router';
import { warmTabFor } from './compare/tab-routes';

/** Each page's lazy routes, by the URL's first segment. */
export const PAGE_ROUTES: Record<string, () => Promise<Routes>> = {
  tasks: () => import('./tasks/tasks.routes').then((m) => m.TASKS_ROUTES),
  'compare-tasks': () => import('./compare/compare.routes').then((m) => m.COMPARE_ROUTES),
  embed: () => import('./embed/embed.routes').then((m) => m.EMBED_ROUTES),
};

/** The compare page's code, with the code of the tab being opened loading alongside. */
function loadComparePage(routes: () => Promise<Routes>): () => Promise<Routes> {
  return () => {
    const router = inject(Router);
    const target = router.currentNavigation()?.extractedUrl;
    if (target) warmTabFor(router.serializeUrl(target));
    return routes();
  };
}

/**
 * Starts loading the code of the page (and tab) a URL opens, relative to the base href, before the
 * app has started: it downloads while the app boots, and the router's own load later finds it done
 * or under way (the module loader keeps each import).
 */
export function warmPageFor(path: string): void {
  const page = path.split(/[/;?#]/)[1] || 'tasks';
  PAGE_ROUTES[page]?.().catch(() => undefined);
  warmTabFor(path);
}

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'tasks' },
  { path: 'tasks', loadChildren: () => PAGE_ROUTES['tasks'](), title: 'Tasks' },
  { path: 'compare-tasks', loadChildren: loadComparePage(() => PAGE_ROUTES['compare-tasks']()) },
  { path: 'embed', loadChildren: loadComparePage(() => PAGE_ROUTES['embed']()) },
  { path: '**', loadComponent: () => import('./core/not-found-page').then((m) => m.NotFoundPage), title: 'Not found' },
];
