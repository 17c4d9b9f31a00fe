import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { TAB_CHILD_ROUTES } from '../compare/tab-routes';
import * as summaryEffects from '../compare/summary/state/summary.effects';
import { SUMMARY_VIEW, summaryFeature } from '../compare/summary/state/summary.feature';
import { COMPARE_STATE_PROVIDERS } from '../state/compare/compare.providers';
import { EmbedPage } from './embed-page';

/**
 * `/embed;ids=.../<tab>/<view>?<options>`: the same tab routes as the compare page (the same
 * components, state and effects), inside a bare page; each tab draws only the visualization the
 * options name when it sees it is embedded. `/embed;ids=.../summary` draws the Summary chart,
 * which the compare page shows above Scalars' graph and Plots.
 */
export const EMBED_ROUTES: Routes = [
  {
    path: '',
    component: EmbedPage,
    providers: COMPARE_STATE_PROVIDERS,
    children: [
      {
        path: SUMMARY_VIEW,
        loadComponent: () => import('./summary-embed').then((m) => m.SummaryEmbed),
        providers: [provideState(summaryFeature), provideEffects(summaryEffects)],
      },
      ...TAB_CHILD_ROUTES,
    ],
  },
];
