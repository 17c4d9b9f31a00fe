import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { ComparePage } from './compare-page';
import { TabPlaceholder } from './shell/tab-placeholder';
import * as compareEffects from './state/compare.effects';
import { compareFeature } from './state/compare.feature';

const placeholder = (title: string) => ({ component: TabPlaceholder, data: { title } });

export const COMPARE_ROUTES: Routes = [
  {
    path: '',
    component: ComparePage,
    providers: [provideState(compareFeature), provideEffects(compareEffects)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'details' },
      { path: 'details', ...placeholder('Details') },
      {
        path: 'hyper-params',
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'values' },
          { path: 'values', ...placeholder('Hyperparameters: values') },
          { path: 'graph', ...placeholder('Hyperparameters: parallel coordinates') },
          { path: 'scatter', ...placeholder('Hyperparameters: scatter plot') },
        ],
      },
      {
        path: 'scalars',
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'graph' },
          { path: 'graph', ...placeholder('Scalars: graphs') },
          { path: 'values', ...placeholder('Scalars: last values') },
          { path: 'min-values', ...placeholder('Scalars: min values') },
          { path: 'max-values', ...placeholder('Scalars: max values') },
        ],
      },
      { path: 'metrics-plots', ...placeholder('Plots') },
      { path: 'debug-images', ...placeholder('Debug samples') },
      { path: '**', redirectTo: 'details' },
    ],
  },
];
