import { Routes } from '@angular/router';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'tasks' },
  { path: 'tasks', loadChildren: () => import('./tasks/tasks.routes').then((m) => m.TASKS_ROUTES), title: 'Tasks' },
  { path: 'compare-tasks', loadChildren: () => import('./compare/compare.routes').then((m) => m.COMPARE_ROUTES) },
  { path: 'embed', loadChildren: () => import('./compare/embed/embed.routes').then((m) => m.EMBED_ROUTES) },
  { path: '**', loadComponent: () => import('./core/not-found-page').then((m) => m.NotFoundPage), title: 'Not found' },
];
