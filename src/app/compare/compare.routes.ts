import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { ComparePage } from './compare-page';
import * as liveEffects from './live/live-updates.effects';
import * as compareEffects from './state/compare.effects';
import * as urlCheckEffects from './url-check/url-check.effects';
import { compareFeature } from './state/compare.feature';
import { TAB_ROUTES } from './tab-routes';

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
      ...Object.entries(TAB_ROUTES).map(([path, loadChildren]) => ({ path, loadChildren })),
      { path: '**', redirectTo: 'details' },
    ],
  },
];
