import { inject } from '@angular/core';
import { createEffect } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { EventsApi } from '../../../core/api/events-api';
import { comparedIdsToLoad, loadRemoteData } from '../../../state/compare/remote-data';
import { SummaryApiActions } from './summary.actions';
import { showsSummary } from './summary.feature';

/**
 * The Summary values: once per set of tasks while a view that draws them is open (moving from
 * Scalars to Plots fetches nothing), and again when live updates find new data, like the charts.
 */
export const loadSummary = createEffect(
  (store = inject(Store), eventsApi = inject(EventsApi)) => {
    return comparedIdsToLoad(store, showsSummary).pipe(loadRemoteData((ids) => eventsApi.singleValueMetrics(ids), SummaryApiActions));
  },
  { functional: true },
);
