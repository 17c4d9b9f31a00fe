import { Params, RouterStateSnapshot } from '@angular/router';
import { RouterReducerState, RouterStateSerializer } from '@ngrx/router-store';
import { createFeatureSelector, createSelector } from '@ngrx/store';

/** The router state kept in the store: small, serialisable, with params of every level merged. */
export interface RouterStateUrl {
  url: string;
  /** Path segments of the primary outlet, without matrix parameters: `['compare-tasks', 'scalars', 'graph']`. */
  segments: string[];
  /** Route and matrix parameters of every level, the deepest winning. */
  params: Params;
  queryParams: Params;
}

export class MergedRouterStateSerializer implements RouterStateSerializer<RouterStateUrl> {
  serialize(routerState: RouterStateSnapshot): RouterStateUrl {
    const segments: string[] = [];
    let params: Params = {};
    let route = routerState.root;
    for (;;) {
      params = { ...params, ...route.params };
      segments.push(...route.url.map((segment) => segment.path));
      if (!route.firstChild) break;
      route = route.firstChild;
    }
    return { url: routerState.url, segments, params, queryParams: routerState.root.queryParams };
  }
}

const selectRouter = createFeatureSelector<RouterReducerState<RouterStateUrl>>('router');

export const selectRouterState = createSelector(selectRouter, (router) => router?.state ?? null);
export const selectUrlSegments = createSelector(selectRouterState, (state) => state?.segments ?? []);
export const selectRouteParams = createSelector(selectRouterState, (state) => state?.params ?? {});
export const selectQueryParams = createSelector(selectRouterState, (state) => state?.queryParams ?? {});
