import { TestBed } from '@angular/core/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Subject, of, throwError } from 'rxjs';
import { DebugSampleEvent, EventsApi } from '../../../core/api/events-api';
import { CompareViewActions } from '../../../state/compare/compare.actions';
import { selectExistingTaskIds } from '../../../state/compare/compare.feature';
import { parseSampleOptions } from '../sample-view-options';
import { DebugSamplesApiActions, DebugSamplesPageActions } from './debug-samples.actions';
import {
  loadColumns,
  loadOlderIterations,
  loadOpenSample,
  loadSampleMetrics,
  pageTowardTarget,
  requestVisibleColumns,
  stepViewer,
  writeSampleOptions,
} from './debug-samples.effects';
import {
  columnKey,
  debugSamplesFeature,
  initialDebugSamplesState,
  selectColumnsPagingToTarget,
  selectColumnsToLoad,
  selectSampleOptions,
} from './debug-samples.feature';
import { PLAIN_CLEARML } from '../../../core/server/server-capabilities';
import { selectCapabilities } from '../../../core/server/server-info.feature';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const sample = (iter: number, variant = 'v'): DebugSampleEvent => ({ task: A, metric: 'm', variant, iter, url: '/files/x.png' });

describe('debug samples effects', () => {
  let store: MockStore;
  let actions$: Subject<Action>;
  let out: Action[];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideMockStore()] });
    store = TestBed.inject(MockStore);
    actions$ = new Subject<Action>();
    out = [];
    store.overrideSelector(selectExistingTaskIds, [A, B]);
    store.overrideSelector(selectSampleOptions, parseSampleOptions({}));
    store.overrideSelector(debugSamplesFeature.selectViewer, initialDebugSamplesState.viewer);
  });
  // Mock selectors are memoized selectors overridden in place: give them back to the next spec.
  afterEach(() => store.resetSelectors());

  it('loads each task’s debug-sample metrics, sorted, with an empty list for tasks without any', () => {
    const taskMetrics = jasmine.createSpy().and.returnValue(of({ metrics: [{ task: A, metrics: ['z', 'b'] }] }));
    loadSampleMetrics(actions$ as never, store, { taskMetrics } as unknown as EventsApi).subscribe((a) => out.push(a));
    expect(taskMetrics).toHaveBeenCalledOnceWith([A, B], 'training_debug_image');
    expect(out).toEqual([DebugSamplesApiActions.metricsLoaded({ taskIds: [A, B], metricsByTask: { [A]: ['b', 'z'], [B]: [] } })]);
  });

  it("fetches each requested column in its own call, pages sized within the server's event budget, keeping its scroll", () => {
    store.overrideSelector(debugSamplesFeature.selectMetricsByTask, { [A]: Array.from({ length: 12 }, (_, i) => `m${i}`), [B]: ['m'] });
    const debugImages = jasmine
      .createSpy()
      .and.callFake((body: { metrics: { task: string }[] }) =>
        of(
          body.metrics[0].task === A
            ? { scroll_id: 'sa', metrics: [{ task: A, iterations: [{ iter: 5, events: [] }] }] }
            : { scroll_id: 'sb', metrics: [] },
        ),
      );
    loadColumns(actions$ as never, store, { debugImages } as unknown as EventsApi).subscribe((a) => out.push(a));
    const keys = [
      { task: A, metric: null },
      { task: B, metric: 'm' },
    ];
    actions$.next(DebugSamplesApiActions.columnsRequested({ keys }));
    // All 12 metrics: 8000 / (12 x 20) = 33 variants each per iteration; one metric: 100 iterations.
    expect(debugImages.calls.argsFor(0)[0]).toEqual({ metrics: [{ task: A }], iters: 20, refresh: true });
    expect(debugImages.calls.argsFor(1)[0]).toEqual({ metrics: [{ task: B, metric: 'm' }], iters: 100, refresh: true });
    expect(out).toEqual([
      DebugSamplesApiActions.columnsLoaded({
        columns: [{ task: A, metric: null, iterations: [{ iter: 5, events: [] }], scrollId: 'sa', iters: 20 }],
      }),
      // clearml-server leaves a task without events out of `metrics`.
      DebugSamplesApiActions.columnsLoaded({ columns: [{ task: B, metric: 'm', iterations: [], scrollId: 'sb', iters: 100 }] }),
    ]);
  });

  it('turns a failed column request into a failure for those columns', () => {
    store.overrideSelector(debugSamplesFeature.selectMetricsByTask, {});
    const debugImages = jasmine.createSpy().and.returnValue(throwError(() => new Error('down')));
    loadColumns(actions$ as never, store, { debugImages } as unknown as EventsApi).subscribe((a) => out.push(a));
    const keys = [{ task: A, metric: null }];
    actions$.next(DebugSamplesApiActions.columnsRequested({ keys }));
    expect(out).toEqual([DebugSamplesApiActions.columnsLoadFailed({ keys, message: 'down' })]);
  });

  it('fetches the sample named in the URL unless it is already shown', () => {
    const debugImageSample = jasmine
      .createSpy()
      .and.returnValue(of({ scroll_id: 'c', event: sample(20), min_iteration: 0, max_iteration: 30 }));
    store.overrideSelector(selectSampleOptions, parseSampleOptions({ sample: `${A}:20:m:v` }));
    loadOpenSample(store, { debugImageSample } as unknown as EventsApi).subscribe((a) => out.push(a));
    expect(debugImageSample).toHaveBeenCalledOnceWith({ task: A, metric: 'm', variant: 'v', iteration: 20 });
    expect(out.map((a) => a.type)).toEqual([DebugSamplesApiActions.sampleRequested.type, DebugSamplesApiActions.sampleLoaded.type]);

    debugImageSample.calls.reset();
    store.overrideSelector(debugSamplesFeature.selectViewer, { ...initialDebugSamplesState.viewer, sample: sample(10) });
    store.overrideSelector(selectSampleOptions, parseSampleOptions({ sample: `${A}:10:m:v` }));
    store.refreshState();
    expect(debugImageSample).not.toHaveBeenCalled();
  });

  it('steps with the viewer’s cursor: previous/next samples, older/newer iterations', () => {
    const nextDebugImageSample = jasmine
      .createSpy()
      .and.returnValues(
        of({ scroll_id: 'd', event: sample(10), min_iteration: 0, max_iteration: 30 }),
        of({ scroll_id: 'd', event: null, min_iteration: 0, max_iteration: 30 }),
      );
    store.overrideSelector(debugSamplesFeature.selectViewer, { ...initialDebugSamplesState.viewer, sample: sample(20), scrollId: 'c' });
    stepViewer(actions$ as never, store, { nextDebugImageSample } as unknown as EventsApi).subscribe((a) => out.push(a));
    actions$.next(DebugSamplesPageActions.viewerStepClicked({ step: 'older' }));
    actions$.next(DebugSamplesPageActions.viewerStepClicked({ step: 'next' }));
    expect(nextDebugImageSample.calls.argsFor(0)[0]).toEqual({ task: A, scroll_id: 'c', navigate_earlier: true, next_iteration: true });
    expect(nextDebugImageSample.calls.argsFor(1)[0]).toEqual({ task: A, scroll_id: 'c', navigate_earlier: false, next_iteration: false });
    expect(out[1]).toEqual(DebugSamplesApiActions.sampleEndReached({ step: 'next' }));
  });

  it('writes a sample the server moved to into the URL, but not when it is already there or the viewer is closed', () => {
    store.overrideSelector(selectSampleOptions, parseSampleOptions({ sample: `${A}:20:m:v` }));
    writeSampleOptions(actions$ as never, store).subscribe((a) => out.push(a));
    const loaded = (ev: DebugSampleEvent) =>
      DebugSamplesApiActions.sampleLoaded({ response: { scroll_id: 'c', event: ev, min_iteration: 0, max_iteration: 1 } });
    actions$.next(loaded(sample(20)));
    actions$.next(loaded(sample(10, 'w')));
    expect(out).toEqual([CompareViewActions.optionsChanged({ options: { sample: `${A}:10:m:w` } })]);
    store.overrideSelector(selectSampleOptions, parseSampleOptions({}));
    store.refreshState();
    actions$.next(loaded(sample(5)));
    expect(out.length).toBe(1);
  });

  it('writes a choice in the tab to the URL as one change, through the option map', () => {
    writeSampleOptions(actions$ as never, store).subscribe((a) => out.push(a));
    actions$.next(DebugSamplesPageActions.optionsChosen({ options: { iter: '10', cols: null } }));
    actions$.next(DebugSamplesPageActions.optionsChosen({ options: { sample: null } }));
    expect(out).toEqual([
      CompareViewActions.optionsChanged({ options: { iter: '10', cols: null } }),
      CompareViewActions.optionsChanged({ options: { sample: null } }),
    ]);
  });

  it('requests columns once, and again once a refresh emptied the cache', () => {
    const keys = [{ task: A, metric: null }];
    const toLoad = store.overrideSelector(selectColumnsToLoad, keys);
    requestVisibleColumns(store).subscribe((a) => out.push(a));
    for (const next of [[], keys, keys]) {
      toLoad.setResult(next);
      store.refreshState();
    }
    expect(out).toEqual([DebugSamplesApiActions.columnsRequested({ keys }), DebugSamplesApiActions.columnsRequested({ keys })]);
  });

  function withColumn(scrollId: string | null, capabilities = PLAIN_CLEARML) {
    const column = {
      status: 'loaded' as const,
      iterations: [
        { iter: 12, events: [] },
        { iter: 10, events: [] },
      ],
      error: null,
      complete: false,
      loadingOlder: true,
      scrollId,
      iters: 2,
    };
    store.overrideSelector(debugSamplesFeature.selectColumns, { [columnKey({ task: A, metric: 'm' })]: column });
    store.overrideSelector(selectCapabilities, capabilities);
  }
  const page = (scrollId: string, ...iters: number[]) =>
    of({ scroll_id: scrollId, metrics: [{ task: A, iterations: iters.map((iter) => ({ iter, events: [] })) }] });

  it("pages older on the column's scroll (navigate_earlier), as clearml-server pages, then moves the column to the newest of them", () => {
    withColumn('s1');
    const debugImages = jasmine.createSpy().and.returnValue(page('s2', 7, 3));
    loadOlderIterations(actions$ as never, store, { debugImages } as unknown as EventsApi).subscribe((a) => out.push(a));
    writeSampleOptions(actions$ as never, store).subscribe((a) => out.push(a));
    actions$.next(DebugSamplesPageActions.olderIterationsRequested({ task: A, metric: 'm', before: 10 }));
    expect(debugImages.calls.argsFor(0)[0]).toEqual({
      metrics: [{ task: A, metric: 'm' }],
      iters: 2,
      navigate_earlier: true,
      scroll_id: 's1',
    });
    const loaded = DebugSamplesApiActions.olderIterationsLoaded({
      task: A,
      metric: 'm',
      before: 10,
      iterations: [
        { iter: 7, events: [] },
        { iter: 3, events: [] },
      ],
      scrollId: 's2',
      iters: 2,
    });
    expect(out[0]).toEqual(loaded);
    actions$.next(loaded);
    expect(out[1]).toEqual(CompareViewActions.optionsChanged({ options: { cols: `${A}:7:` } }));
  });

  it('passes pages holding nothing older (a scroll the server forgot starts from the newest again), and stops at the end', () => {
    withColumn('gone');
    const debugImages = jasmine.createSpy().and.returnValues(page('n1', 12, 11), page('n1', 10, 9), of({ scroll_id: 'n1', metrics: [] }));
    loadOlderIterations(actions$ as never, store, { debugImages } as unknown as EventsApi).subscribe((a) => out.push(a));
    actions$.next(DebugSamplesPageActions.olderIterationsRequested({ task: A, metric: 'm', before: 10 }));
    expect(debugImages.calls.count()).toBe(2);
    expect(debugImages.calls.argsFor(1)[0]).toEqual(jasmine.objectContaining({ scroll_id: 'n1', navigate_earlier: true }));
    expect(out).toEqual([
      DebugSamplesApiActions.olderIterationsLoaded({
        task: A,
        metric: 'm',
        before: 10,
        iterations: [
          { iter: 10, events: [] },
          { iter: 9, events: [] },
        ],
        scrollId: 'n1',
        iters: 2,
      }),
    ]);
  });

  it('asks from the iteration before the oldest where the server advertises the iteration jump', () => {
    withColumn('s1', { ...PLAIN_CLEARML, debugImagesIteration: true });
    const debugImages = jasmine.createSpy().and.returnValue(page('x', 9, 8));
    loadOlderIterations(actions$ as never, store, { debugImages } as unknown as EventsApi).subscribe((a) => out.push(a));
    actions$.next(DebugSamplesPageActions.olderIterationsRequested({ task: A, metric: 'm', before: 10, toward: 0 }));
    expect(debugImages.calls.argsFor(0)[0]).toEqual({ metrics: [{ task: A, metric: 'm', iteration: 9 }], iters: 2, refresh: true });
    expect(out[0]).toEqual(
      DebugSamplesApiActions.olderIterationsLoaded({
        task: A,
        metric: 'm',
        before: 10,
        iterations: [
          { iter: 9, events: [] },
          { iter: 8, events: [] },
        ],
        scrollId: 's1',
        iters: 2,
        toward: 0,
      }),
    );
  });

  it('a jump pages toward its target without moving the column', () => {
    const toward = store.overrideSelector(selectColumnsPagingToTarget, [{ task: A, metric: null, before: 50, toward: 3 }]);
    pageTowardTarget(store).subscribe((a) => out.push(a));
    toward.setResult([]);
    store.refreshState();
    expect(out).toEqual([DebugSamplesPageActions.olderIterationsRequested({ task: A, metric: null, before: 50, toward: 3 })]);
    writeSampleOptions(actions$ as never, store).subscribe((a) => out.push(a));
    actions$.next(
      DebugSamplesApiActions.olderIterationsLoaded({
        task: A,
        metric: null,
        before: 50,
        iterations: [{ iter: 40, events: [] }],
        scrollId: 's',
        iters: 1,
        toward: 3,
      }),
    );
    expect(out.length).toBe(1);
  });
});
