import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as summaryEffects from '../summary/state/summary.effects';
import { summaryFeature } from '../summary/state/summary.feature';
import { ScalarGraphsTab } from './scalar-graphs-tab';
import { ScalarValuesTab } from './scalar-values-tab';
import * as scalarsEffects from './state/scalars.effects';
import { scalarsFeature } from './state/scalars.feature';

export const SCALARS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideState(scalarsFeature), provideState(summaryFeature), provideEffects(scalarsEffects, summaryEffects)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'graph' },
      { path: 'graph', component: ScalarGraphsTab },
      { path: 'values', component: ScalarValuesTab },
      { path: 'min-values', component: ScalarValuesTab },
      { path: 'max-values', component: ScalarValuesTab },
      { path: '**', redirectTo: 'graph' },
    ],
  },
];
