import { Store } from '@ngrx/store';
import { BehaviorSubject, Observable, of } from 'rxjs';
import { EventsApi, MultiTaskPlots } from '../../../core/api/events-api';
import { compareFeature, selectCompareView, selectEmbedded, selectExistingTaskIds } from '../../../state/compare/compare.feature';
import { MAX_PLOT_PAGES, fetchPlotPages } from './plot-pages';
import { PlotsApiActions } from './plots.actions';
import { loadPlots } from './plots.effects';
import { plotsFeature } from './plots.feature';

const A = 'a'.repeat(32);
const plots = (name: string) => ({ [name]: {} }) as unknown as MultiTaskPlots;

describe('plots state', () => {
  it('asks for every page while the server hands a scroll id and answers some', () => {
    const multiTaskPlots = jasmine
      .createSpy('multiTaskPlots')
      .and.returnValues(
        of({ plots: plots('p1'), returned: 1, scroll_id: 's1' }),
        of({ plots: plots('p2'), returned: 1, scroll_id: 's2' }),
        of({ plots: {}, returned: 0, scroll_id: 's3' }),
      );
    let pages: MultiTaskPlots[] = [];
    fetchPlotPages({ multiTaskPlots } as unknown as EventsApi, [A]).subscribe((p) => (pages = p));
    expect(multiTaskPlots.calls.allArgs()).toEqual([
      [{ tasks: [A], iters: 1 }],
      [{ tasks: [A], iters: 1, scroll_id: 's1' }],
      [{ tasks: [A], iters: 1, scroll_id: 's2' }],
    ]);
    expect(pages).toEqual([plots('p1'), plots('p2'), {}]);
  });

  it('asks for no further page once the pages have returned the total the server counted', () => {
    const multiTaskPlots = jasmine
      .createSpy('multiTaskPlots')
      .and.returnValues(
        of({ plots: plots('p1'), returned: 2, total: 3, scroll_id: 's1' }),
        of({ plots: plots('p2'), returned: 1, total: 3, scroll_id: 's2' }),
        of({ plots: {}, returned: 0, total: 3, scroll_id: 's3' }),
      );
    let pages: MultiTaskPlots[] = [];
    fetchPlotPages({ multiTaskPlots } as unknown as EventsApi, [A]).subscribe((p) => (pages = p));
    expect(multiTaskPlots).toHaveBeenCalledTimes(2);
    expect(pages).toEqual([plots('p1'), plots('p2')]);
  });

  it('stops at the page limit', () => {
    const multiTaskPlots = jasmine.createSpy('multiTaskPlots').and.returnValue(of({ plots: {}, returned: 1, scroll_id: 's' }));
    fetchPlotPages({ multiTaskPlots } as unknown as EventsApi, [A]).subscribe();
    expect(multiTaskPlots).toHaveBeenCalledTimes(MAX_PLOT_PAGES);
  });

  it('loads while Plots is open, keeps the pages when it reopens, and reloads on new data', () => {
    const view = new BehaviorSubject('metrics-plots');
    const revision = new BehaviorSubject(0);
    const store = {
      select: (selector: unknown): Observable<unknown> =>
        selector === selectExistingTaskIds
          ? of([A])
          : selector === selectCompareView
            ? view
            : selector === selectEmbedded
              ? of(false)
              : selector === compareFeature.selectDataRevision
                ? revision
                : of(null),
    } as unknown as Store;
    const multiTaskPlots = jasmine.createSpy('multiTaskPlots').and.returnValue(of({ plots: plots('p'), returned: 1, scroll_id: null }));
    let state = plotsFeature.reducer(undefined, { type: 'init' });
    const sub = loadPlots(store, { multiTaskPlots } as unknown as EventsApi).subscribe((a) => (state = plotsFeature.reducer(state, a)));
    expect(state.value).toEqual([plots('p')]);
    view.next('scalars/graph');
    view.next('metrics-plots');
    expect(multiTaskPlots).toHaveBeenCalledTimes(1);
    revision.next(1);
    expect(multiTaskPlots).toHaveBeenCalledTimes(2);
    sub.unsubscribe();
  });

  it('keeps the pages shown while a refresh is under way', () => {
    let state = plotsFeature.reducer(undefined, PlotsApiActions.loadStarted({ taskIds: [A] }));
    state = plotsFeature.reducer(state, PlotsApiActions.loaded({ taskIds: [A], value: [plots('p')] }));
    state = plotsFeature.reducer(state, PlotsApiActions.loadStarted({ taskIds: [A] }));
    expect(state.value).toEqual([plots('p')]);
  });
});
