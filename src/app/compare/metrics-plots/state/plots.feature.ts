import { createFeature, createReducer, on } from '@ngrx/store';
import { MultiTaskPlots } from '../../../core/api/events-api';
import { RemoteData, initialRemoteData, remoteLoadFailed, remoteLoadStarted, remoteLoaded } from '../../../state/compare/remote-data';
import { PlotsApiActions } from './plots.actions';

export const showsPlots = (view: string) => view.split('/')[0] === 'metrics-plots';

/** The pages of the compared tasks' plots as the server answered them (the Plots tab indexes and merges them). */
export type PlotsState = RemoteData<MultiTaskPlots[]>;

export const plotsFeature = createFeature({
  name: 'comparedPlots',
  reducer: createReducer<PlotsState>(
    initialRemoteData,
    on(PlotsApiActions.loadStarted, (state, { taskIds }): PlotsState => remoteLoadStarted(state, taskIds)),
    on(PlotsApiActions.loaded, (state, { taskIds, value }): PlotsState => remoteLoaded(state, taskIds, value)),
    on(PlotsApiActions.loadFailed, (state, { taskIds, message }): PlotsState => remoteLoadFailed(state, taskIds, message)),
  ),
});
