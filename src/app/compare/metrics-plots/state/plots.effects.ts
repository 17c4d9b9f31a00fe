import { inject } from '@angular/core';
import { createEffect } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { EventsApi } from '../../../core/api/events-api';
import { comparedIdsToLoad, loadRemoteData } from '../../../state/compare/remote-data';
import { fetchPlotPages } from './plot-pages';
import { PlotsApiActions } from './plots.actions';
import { showsPlots } from './plots.feature';

/** The plots: once per set of tasks while Plots is open, and again when live updates find new data. */
export const loadPlots = createEffect(
  (store = inject(Store), eventsApi = inject(EventsApi)) => {
    return comparedIdsToLoad(store, showsPlots).pipe(loadRemoteData((ids) => fetchPlotPages(eventsApi, ids), PlotsApiActions));
  },
  { functional: true },
);
