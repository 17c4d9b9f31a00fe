import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as hyperparamsEffects from './state/hyperparams.effects';
import { hyperparamsFeature } from './state/hyperparams.feature';
import { HyperParamsValuesTab } from './values/hyper-params-values-tab';

/** Values, parallel coordinates and scatter read one state: the compared tasks' parameters, fetched once per set of tasks. */
export const HYPER_PARAMS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideState(hyperparamsFeature), provideEffects(hyperparamsEffects)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'values' },
      { path: 'values', component: HyperParamsValuesTab },
      { path: 'graph', loadComponent: () => import('./graph/hp-graph-tab').then((m) => m.HpGraphTab) },
      { path: 'scatter', loadComponent: () => import('./scatter/hp-scatter-tab').then((m) => m.HpScatterTab) },
      { path: '**', redirectTo: 'values' },
    ],
  },
];
