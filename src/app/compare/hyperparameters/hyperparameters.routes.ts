import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as hyperparametersEffects from './state/hyperparameters.effects';
import { hyperparametersFeature } from './state/hyperparameters.feature';
import { HyperparametersValuesTab } from './values/hyperparameters-values-tab';

/** Values, parallel coordinates and scatter read one state: the compared tasks' parameters, fetched once per set of tasks. */
export const HYPERPARAMETERS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideState(hyperparametersFeature), provideEffects(hyperparametersEffects)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'values' },
      { path: 'values', component: HyperparametersValuesTab },
      { path: 'graph', loadComponent: () => import('./graph/hyperparameters-graph-tab').then((m) => m.HyperparametersGraphTab) },
      {
        path: 'scatter',
        loadComponent: () => import('./scatter/hyperparameters-scatter-tab').then((m) => m.HyperparametersScatterTab),
      },
      { path: '**', redirectTo: 'values' },
    ],
  },
];
