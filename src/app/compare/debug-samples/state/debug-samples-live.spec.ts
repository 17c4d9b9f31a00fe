import { Store } from '@ngrx/store';
import { BehaviorSubject, of } from 'rxjs';
import { EventsApi } from '../../../core/api/events-api';
import { compareFeature, selectEmbedded } from '../../../state/compare/compare.feature';
import { SampleViewOptions } from '../sample-view-options';
import { DebugSamplesApiActions } from './debug-samples.actions';
import { followNewestSample, refreshColumnsOnNewData } from './debug-samples.effects';
import { ColumnSamples, columnKey, debugSamplesFeature, selectSampleOptions } from './debug-samples.feature';

const loaded: ColumnSamples = {
  status: 'loaded',
  iterations: [],
  error: null,
  complete: true,
  loadingOlder: false,
  scrollId: null,
  iters: 20,
};

describe('refreshColumnsOnNewData', () => {
  it('fetches the loaded columns again when the data revision moves, not when the tab opens', () => {
    const revision$ = new BehaviorSubject(3);
    const columns = {
      [columnKey({ task: 'a', metric: null })]: loaded,
      [columnKey({ task: 'b', metric: 'img' })]: loaded,
      [columnKey({ task: 'c', metric: null })]: { ...loaded, status: 'loading' as const },
    };
    const store = {
      select: (selector: unknown) =>
        selector === compareFeature.selectDataRevision
          ? revision$
          : selector === debugSamplesFeature.selectColumns
            ? of(columns)
            : of(null),
    } as unknown as Store;
    const out: unknown[] = [];
    refreshColumnsOnNewData(store).subscribe((action) => out.push(action));
    expect(out).toEqual([]);
    revision$.next(3);
    expect(out).toEqual([]);
    revision$.next(4);
    expect(out).toEqual([
      DebugSamplesApiActions.columnsRefreshRequested({
        keys: [
          { task: 'a', metric: null },
          { task: 'b', metric: 'img' },
        ],
      }),
    ]);
  });
});

describe('followNewestSample', () => {
  const open = { task: 'a', iter: 5, metric: 'img', variant: 'in' };
  const options = (follow: boolean): SampleViewOptions => ({ metric: null, iter: null, sync: false, columns: {}, sample: open, follow });

  function run(embedded: boolean, follow: boolean, newestIter: number) {
    const revision$ = new BehaviorSubject(1);
    const store = {
      select: (selector: unknown) =>
        selector === compareFeature.selectDataRevision
          ? revision$
          : selector === selectEmbedded
            ? of(embedded)
            : selector === selectSampleOptions
              ? of(options(follow))
              : of(null),
    } as unknown as Store;
    const response = {
      event: { ...open, iter: newestIter, url: `/files/${newestIter}.png`, timestamp: 0 },
      scroll_id: 's',
      min_iteration: 0,
      max_iteration: newestIter,
    };
    const debugImageSample = jasmine.createSpy('debugImageSample').and.returnValue(of(response));
    const out: unknown[] = [];
    followNewestSample(store, { debugImageSample } as unknown as EventsApi).subscribe((action) => out.push(action));
    revision$.next(2);
    return { out, debugImageSample, response };
  }

  it('moves an embedded sample with follow=1 to its newest iteration when new data comes', () => {
    const { out, debugImageSample, response } = run(true, true, 9);
    expect(debugImageSample).toHaveBeenCalledOnceWith({ task: 'a', metric: 'img', variant: 'in' });
    expect(out).toEqual([DebugSamplesApiActions.sampleLoaded({ response: response as never })]);
  });

  it('stays put without follow, outside an embed, or when the newest is the one shown', () => {
    expect(run(true, false, 9).debugImageSample).not.toHaveBeenCalled();
    expect(run(false, true, 9).debugImageSample).not.toHaveBeenCalled();
    expect(run(true, true, 5).out).toEqual([]);
  });
});
