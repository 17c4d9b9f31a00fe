import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as taskDetailsEffects from '../side-by-side/state/task-details.effects';
import { taskDetailsFeature } from '../side-by-side/state/task-details.feature';
import { HyperParamsValuesTab } from './values/hyper-params-values-tab';

export const HYPER_PARAMS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'values' },
  {
    path: 'values',
    component: HyperParamsValuesTab,
    providers: [provideState(taskDetailsFeature), provideEffects(taskDetailsEffects)],
  },
  { path: 'graph', loadComponent: () => import('./graph/hp-graph-tab').then((m) => m.HpGraphTab) },
  { path: 'scatter', loadComponent: () => import('./scatter/hp-scatter-tab').then((m) => m.HpScatterTab) },
  { path: '**', redirectTo: 'values' },
];
