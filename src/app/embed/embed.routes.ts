import { Routes } from '@angular/router';
import { TAB_CHILD_ROUTES } from '../compare/tab-routes';
import { COMPARE_STATE_PROVIDERS } from '../state/compare/compare.providers';
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
    providers: COMPARE_STATE_PROVIDERS,
    children: TAB_CHILD_ROUTES,
  },
];
