import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { COMPARE_ROUTES } from '../compare.routes';
import * as liveEffects from '../live/live-updates.effects';
import * as compareEffects from '../state/compare.effects';
import { compareFeature } from '../state/compare.feature';
import { EmbedPage } from './embed-page';

/**
 * `/embed;ids=.../<tab>/<view>?<options>`: the same tab routes as the compare page (the same
 * components, state and effects), inside a bare page; each tab draws only the visualization the
 * options name when it sees it is embedded.
 */
export const EMBED_ROUTES: Routes = [
  {
    path: '',
    component: EmbedPage,
    providers: [provideState(compareFeature), provideEffects(compareEffects, liveEffects)],
    children: COMPARE_ROUTES[0].children,
  },
];
