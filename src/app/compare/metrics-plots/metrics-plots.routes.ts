import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as summaryEffects from '../summary/state/summary.effects';
import { summaryFeature } from '../summary/state/summary.feature';
import { PlotsTab } from './plots-tab';
import * as plotsEffects from './state/plots.effects';
import { plotsFeature } from './state/plots.feature';

export const METRICS_PLOTS_ROUTES: Routes = [
  {
    path: '',
    component: PlotsTab,
    data: { title: 'Plots' },
    providers: [provideState(plotsFeature), provideState(summaryFeature), provideEffects(plotsEffects, summaryEffects)],
  },
];
