import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable, of, throwError } from 'rxjs';
import { EventsApi, SingleValueMetrics } from '../../core/api/events-api';
import {
  compareFeature,
  selectCompareView,
  selectComparedTaskIds,
  selectComparedTasks,
  selectEmbedded,
  selectExistingTaskIds,
  selectTaskSlots,
} from '../../state/compare/compare.feature';
import { selectQueryParams } from '../../url/router-state';
import { loadSummary } from './state/summary.effects';
import { summaryFeature } from './state/summary.feature';
import { SummaryChart } from './summary-chart';

const compared = [
  { id: 'a', isBase: true, color: '#111', displayName: 'A', task: null },
  { id: 'b', isBase: false, color: '#222', displayName: 'B', task: null },
];

/** The chart on Scalars' graph, with its state loaded by its effect (run against the feature's reducer). */
async function render(api: Partial<EventsApi>, setup: { query?: Record<string, string>; hidden?: string[] } = {}) {
  TestBed.configureTestingModule({
    imports: [SummaryChart],
    providers: [
      provideMockStore({
        selectors: [
          { selector: selectComparedTasks, value: compared },
          { selector: selectComparedTaskIds, value: compared.map((t) => t.id) },
          { selector: selectExistingTaskIds, value: compared.map((t) => t.id) },
          { selector: selectCompareView, value: 'scalars/graph' },
          { selector: selectEmbedded, value: false },
          { selector: compareFeature.selectDataRevision, value: 0 },
          { selector: selectTaskSlots, value: [3, 5] },
          { selector: selectQueryParams, value: setup.query ?? {} },
        ],
      }),
      { provide: EventsApi, useValue: api },
    ],
  });
  const store = TestBed.inject(MockStore);
  let state = summaryFeature.reducer(undefined, { type: 'init' });
  const effect$ = TestBed.runInInjectionContext(() => loadSummary() as Observable<{ type: string }>);
  effect$.subscribe((action) => {
    state = summaryFeature.reducer(state, action);
    store.setState({ [summaryFeature.name]: state });
  });
  const fixture = TestBed.createComponent(SummaryChart);
  if (setup.hidden) fixture.componentRef.setInput('hiddenTaskIds', setup.hidden);
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('SummaryChart', () => {
  // Mock selectors are memoized selectors overridden in place: give them back to the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  it('asks for the single values of the compared tasks and draws the chart', async () => {
    const response: SingleValueMetrics = {
      tasks: [{ task: 'a', task_name: 'A', values: [{ metric: 'Summary', variant: 's', value: 1, timestamp: 0 }] }],
    };
    const singleValueMetrics = jasmine.createSpy().and.returnValue(of(response));
    const el = await render({ singleValueMetrics });
    expect(singleValueMetrics).toHaveBeenCalledWith(['a', 'b']);
    expect(el.querySelector('[data-testid="summary-chart"]')).not.toBeNull();
  });

  it('says so when nothing was reported', async () => {
    const el = await render({ singleValueMetrics: () => of({ tasks: [] }) });
    expect(el.querySelector('[data-testid="summary-empty"]')?.textContent).toContain('No single-value scalars');
  });

  it('shows a readable error in place', async () => {
    const el = await render({ singleValueMetrics: () => throwError(() => new Error('server down')) });
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('server down');
  });

  it('has an embed button for the Summary alone, with the page’s grouping, over the tasks it shows in their colours', async () => {
    const response: SingleValueMetrics = {
      tasks: [{ task: 'a', task_name: 'A', values: [{ metric: 'Summary', variant: 's', value: 1, timestamp: 0 }] }],
    };
    const query = { groupby: 'params', gparams: 'Args/lr|Args/wd', gignore: 'Args/x', plots: 'loss', theme: 'dark' };
    const el = await render({ singleValueMetrics: () => of(response) }, { query, hidden: ['a'] });
    const path = el.querySelector('[data-embed-path]')!.getAttribute('data-embed-path')!;
    const [where, search] = path.split('?');
    // Task a is hidden here: the embed draws b alone, in its colour slot.
    expect(where).toBe('/embed;ids=b;slots=5/summary');
    const params = new URLSearchParams(search);
    expect(params.get('groupby')).toBe('params');
    expect(params.get('gparams')).toBe('Args/lr|Args/wd');
    expect(params.get('gignore')).toBe('Args/x');
    expect(params.get('theme')).toBe('dark');
    // Options of the views around it are not carried.
    expect(params.has('plots')).toBeFalse();
  });
});
