import { inject } from '@angular/core';
import { Router, Routes } from '@angular/router';
import { warmTabFor } from './compare/tab-routes';

/** The compare page's code, with the code of the tab being opened loading alongside. */
function loadComparePage(routes: () => Promise<Routes>): () => Promise<Routes> {
  return () => {
    const router = inject(Router);
    const target = router.currentNavigation()?.extractedUrl;
    if (target) warmTabFor(router.serializeUrl(target));
    return routes();
  };
}

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'tasks' },
  { path: 'tasks', loadChildren: () => import('./tasks/tasks.routes').then((m) => m.TASKS_ROUTES), title: 'Tasks' },
  { path: 'compare-tasks', loadChildren: loadComparePage(() => import('./compare/compare.routes').then((m) => m.COMPARE_ROUTES)) },
  { path: 'embed', loadChildren: loadComparePage(() => import('./compare/embed/embed.routes').then((m) => m.EMBED_ROUTES)) },
  { path: '**', loadComponent: () => import('./core/not-found-page').then((m) => m.NotFoundPage), title: 'Not found' },
];
