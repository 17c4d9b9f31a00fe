import { createFeature, createReducer, on } from '@ngrx/store';
import { SingleValueMetrics } from '../../../core/api/events-api';
import { RemoteData, initialRemoteData, remoteLoadFailed, remoteLoadStarted, remoteLoaded } from '../../../state/compare/remote-data';
import { SummaryApiActions } from './summary.actions';

/** The embed view of the Summary chart alone: `/embed;ids=…/summary`. */
export const SUMMARY_VIEW = 'summary';

/**
 * The views that draw the Summary chart: Scalars' graph and Plots on the compare page; on an embed
 * (which draws one chart alone) only the Summary's own view.
 */
export const showsSummary = (view: string, embedded: boolean) =>
  embedded ? view === SUMMARY_VIEW : view === 'scalars/graph' || view.split('/')[0] === 'metrics-plots';

export type SummaryState = RemoteData<SingleValueMetrics>;

/** One Summary for the compared tasks, shared by the views that draw it (Scalars graph, Plots). */
export const summaryFeature = createFeature({
  name: 'comparedSummary',
  reducer: createReducer<SummaryState>(
    initialRemoteData,
    on(SummaryApiActions.loadStarted, (state, { taskIds }): SummaryState => remoteLoadStarted(state, taskIds)),
    on(SummaryApiActions.loaded, (state, { taskIds, value }): SummaryState => remoteLoaded(state, taskIds, value)),
    on(SummaryApiActions.loadFailed, (state, { taskIds, message }): SummaryState => remoteLoadFailed(state, taskIds, message)),
  ),
});
