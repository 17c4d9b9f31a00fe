import { Routes } from '@angular/router';
import { TabPlaceholder } from '../shell/tab-placeholder';

export const SCALARS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'graph' },
  { path: 'graph', component: TabPlaceholder, data: { title: 'Scalars: graphs' } },
  { path: 'values', component: TabPlaceholder, data: { title: 'Scalars: last values' } },
  { path: 'min-values', component: TabPlaceholder, data: { title: 'Scalars: min values' } },
  { path: 'max-values', component: TabPlaceholder, data: { title: 'Scalars: max values' } },
  { path: '**', redirectTo: 'graph' },
];
