import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { COMPARE_STATE_PROVIDERS } from '../state/compare/compare.providers';
import { ComparePage } from './compare-page';
import { TAB_CHILD_ROUTES } from './tab-routes';
import * as urlCheckEffects from './url-check/url-check.effects';

/**
 * The compare page and one lazy child route per tab. Each tab owns its folder and its routes file
 * (with its own feature state and effects, provided there).
 */
export const COMPARE_ROUTES: Routes = [
  {
    path: '',
    component: ComparePage,
    providers: [...COMPARE_STATE_PROVIDERS, provideEffects(urlCheckEffects)],
    children: TAB_CHILD_ROUTES,
  },
];
