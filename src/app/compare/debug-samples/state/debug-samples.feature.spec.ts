import { DebugSampleEvent, DebugSampleResponse } from '../../../core/api/events-api';
import { ComparedTask } from '../../../state/compare/compare.feature';
import { parseSampleOptions } from '../sample-view-options';
import { DebugSamplesApiActions, DebugSamplesPageActions } from './debug-samples.actions';
import {
  DebugSamplesState,
  columnKey,
  debugSamplesFeature,
  initialDebugSamplesState,
  selectColumnsPagingToTarget,
  selectColumnsToLoad,
  selectSampleColumns,
  selectViewerIterations,
} from './debug-samples.feature';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const reducer = debugSamplesFeature.reducer;

function task(id: string): ComparedTask {
  return { id, isBase: id === A, color: '#123456', displayName: id.slice(0, 4), task: null };
}
function event(iter: number, variant = 'v', metric = 'm'): DebugSampleEvent {
  return { task: A, metric, variant, iter, url: `/files/${iter}.png` };
}
function response(ev: DebugSampleEvent | null): DebugSampleResponse {
  return { scroll_id: 'cursor', event: ev, min_iteration: 10, max_iteration: 30 };
}

describe('debug samples state', () => {
  it('marks requested columns as loading, then loaded or failed', () => {
    const keys = [
      { task: A, metric: null },
      { task: B, metric: 'm' },
    ];
    let state = reducer(initialDebugSamplesState, DebugSamplesApiActions.columnsRequested({ keys }));
    expect(state.columns[columnKey(keys[0])].status).toBe('loading');
    state = reducer(
      state,
      DebugSamplesApiActions.columnsLoaded({ columns: [{ ...keys[0], iterations: [{ iter: 1, events: [] }], scrollId: 's', iters: 20 }] }),
    );
    expect(state.columns[columnKey(keys[0])]).toEqual({
      status: 'loaded',
      iterations: [{ iter: 1, events: [] }],
      error: null,
      complete: true,
      loadingOlder: false,
      scrollId: 's',
      iters: 20,
    });
    state = reducer(state, DebugSamplesApiActions.columnsLoadFailed({ keys: [keys[1]], message: 'down' }));
    expect(state.columns[columnKey(keys[1])]).toEqual(
      jasmine.objectContaining({ status: 'error', iterations: [], error: 'down', complete: true, loadingOlder: false }),
    );
    state = reducer(state, DebugSamplesPageActions.refreshClicked());
    expect(state.columns).toEqual({});
  });

  it('marks a full page as possibly incomplete and appends older iterations', () => {
    const key = { task: A, metric: null };
    const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ iter: from - i, events: [] }));
    let state = reducer(
      initialDebugSamplesState,
      DebugSamplesApiActions.columnsLoaded({ columns: [{ ...key, iterations: page(1500, 1000), scrollId: 's1', iters: 1000 }] }),
    );
    expect(state.columns[columnKey(key)].complete).toBeFalse();
    state = reducer(state, DebugSamplesPageActions.olderIterationsRequested({ ...key, before: 501 }));
    expect(state.columns[columnKey(key)].loadingOlder).toBeTrue();
    state = reducer(
      state,
      DebugSamplesApiActions.olderIterationsLoaded({ ...key, before: 501, iterations: page(500, 500), scrollId: 's2', iters: 1000 }),
    );
    const column = state.columns[columnKey(key)];
    expect(column.iterations.length).toBe(1500);
    expect(column.iterations.at(-1)?.iter).toBe(1);
    expect(column.complete).toBeTrue();
    expect(column.loadingOlder).toBeFalse();
    expect(column.scrollId).toBe('s2');
  });

  it('a live refresh puts the newest page in front of the older pages held, which keep their scroll', () => {
    const key = { task: A, metric: null };
    const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ iter: from - i, events: [] }));
    let state = reducer(
      initialDebugSamplesState,
      DebugSamplesApiActions.columnsLoaded({ columns: [{ ...key, iterations: page(20, 10), scrollId: 's1', iters: 10 }] }),
    );
    state = reducer(
      state,
      DebugSamplesApiActions.olderIterationsLoaded({ ...key, before: 11, iterations: page(10, 10), scrollId: 's1', iters: 10 }),
    );
    state = reducer(
      state,
      DebugSamplesApiActions.columnsLoaded({ columns: [{ ...key, iterations: page(25, 10), scrollId: 's9', iters: 10 }], refresh: true }),
    );
    const column = state.columns[columnKey(key)];
    expect(column.iterations.map((i) => i.iter)).toEqual([...page(25, 10), ...page(15, 15)].map((i) => i.iter));
    expect(column.scrollId).toBe('s1');
    expect(column.complete).toBeFalse();
  });

  it('pages a column toward a jump target older than what it holds, until it is held or the pages end', () => {
    const tasks = [task(A)];
    const loaded = (complete: boolean, loadingOlder = false) => ({
      [columnKey({ task: A, metric: null })]: {
        status: 'loaded' as const,
        iterations: [
          { iter: 30, events: [event(30)] },
          { iter: 20, events: [event(20)] },
        ],
        error: null,
        complete,
        loadingOlder,
        scrollId: 's',
        iters: 2,
      },
    });
    const paging = selectColumnsPagingToTarget.projector;
    const columns = (iter: string | null, held: ReturnType<typeof loaded>) =>
      selectSampleColumns.projector(tasks, parseSampleOptions({ iter }), held, { [A]: ['m'] });
    expect(paging(columns('5', loaded(false)))).toEqual([{ task: A, metric: null, before: 20, toward: 5 }]);
    expect(paging(columns('25', loaded(false)))).toEqual([]);
    expect(paging(columns('5', loaded(true)))).toEqual([]);
    expect(paging(columns('5', loaded(false, true)))).toEqual([]);
    expect(paging(columns(null, loaded(false)))).toEqual([]);
  });

  it('keeps the shown sample when a step finds nothing, with a message', () => {
    let state = reducer(initialDebugSamplesState, DebugSamplesApiActions.sampleLoaded({ response: response(event(20)) }));
    expect(state.viewer.sample?.iter).toBe(20);
    expect(state.viewer.scrollId).toBe('cursor');
    state = reducer(state, DebugSamplesApiActions.sampleEndReached({ step: 'next' }));
    expect(state.viewer.sample?.iter).toBe(20);
    expect(state.viewer.message).toBe('This is the last sample.');
    state = reducer(state, DebugSamplesApiActions.sampleLoaded({ response: response(null) }));
    expect(state.viewer.sample?.iter).toBe(20);
    expect(state.viewer.message).toBe('This sample was not found.');
    state = reducer(state, DebugSamplesApiActions.sampleLoadFailed({ message: 'down' }));
    expect(state.viewer.status).toBe('error');
  });

  it('gives each compared task a column at its metric and iteration, loaded or not', () => {
    const columns: DebugSamplesState['columns'] = {
      [columnKey({ task: A, metric: 'm' })]: {
        status: 'loaded',
        iterations: [
          { iter: 30, events: [event(30)] },
          { iter: 10, events: [event(10)] },
        ],
        error: null,
        complete: true,
        loadingOlder: false,
        scrollId: null,
        iters: 20,
      },
    };
    const options = parseSampleOptions({ metric: 'm', iter: '12' });
    const result = selectSampleColumns.projector([task(A), task(B)], options, columns, { [A]: ['m', 'n'] });
    expect(result.map((c) => c.task.id)).toEqual([A, B]);
    expect(result[0].position.shown?.iter).toBe(10);
    expect(result[0].position.isNearest).toBeTrue();
    expect(result[0].metrics).toEqual(['m', 'n']);
    expect(result[1].samples).toBeNull();
    expect(result[1].position.shown).toBeNull();
  });

  it('asks for rendered columns that were never fetched', () => {
    const options = parseSampleOptions({});
    const columns = selectSampleColumns.projector(
      [task(A), task(B)],
      options,
      {
        [columnKey({ task: A, metric: null })]: {
          status: 'loading',
          iterations: [],
          error: null,
          complete: true,
          loadingOlder: false,
          scrollId: null,
          iters: 20,
        },
      },
      {},
    );
    expect(selectColumnsToLoad.projector(columns, [A, B], [A, B])).toEqual([{ task: B, metric: null }]);
    expect(selectColumnsToLoad.projector(columns, [A], [A, B])).toEqual([]);
    // The task's metric list sets the page size: its column waits for it.
    expect(selectColumnsToLoad.projector(columns, [A, B], [A])).toEqual([]);
  });

  it('lists the viewer sample’s iterations from its column', () => {
    const viewer = { ...initialDebugSamplesState.viewer, sample: event(20, 'x') };
    const columns: DebugSamplesState['columns'] = {
      [columnKey({ task: A, metric: null })]: {
        status: 'loaded',
        error: null,
        complete: true,
        loadingOlder: false,
        scrollId: null,
        iters: 3,
        iterations: [
          { iter: 30, events: [event(30, 'x')] },
          { iter: 20, events: [event(20, 'x')] },
          { iter: 10, events: [event(10, 'y')] },
        ],
      },
    };
    expect(selectViewerIterations.projector(viewer, columns)).toEqual([20, 30]);
    expect(selectViewerIterations.projector(viewer, {})).toEqual([]);
  });
});
