import { Routes } from '@angular/router';
import { TabPlaceholder } from '../shell/tab-placeholder';

export const HYPER_PARAMS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'values' },
  { path: 'values', component: TabPlaceholder, data: { title: 'Hyperparameters: values' } },
  { path: 'graph', component: TabPlaceholder, data: { title: 'Hyperparameters: parallel coordinates' } },
  { path: 'scatter', component: TabPlaceholder, data: { title: 'Hyperparameters: scatter plot' } },
  { path: '**', redirectTo: 'values' },
];
