import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as taskDetailsEffects from '../../state/task-details/task-details.effects';
import { taskDetailsFeature } from '../../state/task-details/task-details.feature';
import { HyperparametersValuesTab } from './values/hyperparameters-values-tab';

export const HYPERPARAMETERS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'values' },
  {
    path: 'values',
    component: HyperparametersValuesTab,
    providers: [provideState(taskDetailsFeature), provideEffects(taskDetailsEffects)],
  },
  { path: 'graph', loadComponent: () => import('./graph/hyperparameters-graph-tab').then((m) => m.HyperparametersGraphTab) },
  { path: 'scatter', loadComponent: () => import('./scatter/hyperparameters-scatter-tab').then((m) => m.HyperparametersScatterTab) },
  { path: '**', redirectTo: 'values' },
];
