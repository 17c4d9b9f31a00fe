import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { ComparePage } from './compare-page';
import * as liveEffects from './live/live-updates.effects';
import * as compareEffects from './state/compare.effects';
import * as urlCheckEffects from './url-check/url-check.effects';
import { compareFeature } from './state/compare.feature';

/**
 * The compare page and one lazy child route per tab. Each tab owns its folder and its routes file
 * (with its own feature state and effects, provided there).
 */
export const COMPARE_ROUTES: Routes = [
  {
    path: '',
    component: ComparePage,
    providers: [provideState(compareFeature), provideEffects(compareEffects, liveEffects, urlCheckEffects)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'details' },
      { path: 'details', loadChildren: () => import('./details/details.routes').then((m) => m.DETAILS_ROUTES) },
      { path: 'hyper-params', loadChildren: () => import('./hyper-params/hyper-params.routes').then((m) => m.HYPER_PARAMS_ROUTES) },
      { path: 'scalars', loadChildren: () => import('./scalars/scalars.routes').then((m) => m.SCALARS_ROUTES) },
      { path: 'metrics-plots', loadChildren: () => import('./metrics-plots/metrics-plots.routes').then((m) => m.METRICS_PLOTS_ROUTES) },
      { path: 'debug-images', loadChildren: () => import('./debug-images/debug-images.routes').then((m) => m.DEBUG_IMAGES_ROUTES) },
      { path: '**', redirectTo: 'details' },
    ],
  },
];
