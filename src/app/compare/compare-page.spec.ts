import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ComparePage } from './compare-page';
import { COMPARE_TABS } from '../url/compare-url';
import { until } from '../core/testing/until';
import { ComparePageActions, CompareViewActions } from '../state/compare/compare.actions';
import {
  ComparedTask,
  compareFeature,
  selectAnyTaskRunning,
  selectCompareTab,
  selectComparedTaskIds,
  selectComparedTasks,
  selectIdsProblem,
  selectNothingToShow,
  selectUnreadableIds,
  selectLivePoll,
  selectLiveSettings,
  selectMissingTaskIds,
} from '../state/compare/compare.feature';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const compared: ComparedTask[] = [
  {
    id: A,
    isBase: true,
    color: '#111',
    displayName: 'base task',
    task: { id: A, name: 'base task', status: 'completed', type: 'training' },
  },
  { id: B, isBase: false, color: '#222', displayName: 'other', task: null },
];

describe('ComparePage', () => {
  let fixture: ComponentFixture<ComparePage>;
  let store: MockStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [ComparePage], providers: [provideMockStore(), provideRouter([])] });
    // The page defers a part of its header (@defer): its code is resolved before it is created.
    await TestBed.compileComponents();
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectComparedTaskIds, [A, B]);
    store.overrideSelector(selectComparedTasks, compared);
    store.overrideSelector(selectCompareTab, 'scalars');
    store.overrideSelector(selectIdsProblem, null);
    store.overrideSelector(selectUnreadableIds, []);
    store.overrideSelector(selectNothingToShow, null);
    store.overrideSelector(selectMissingTaskIds, []);
    store.overrideSelector(compareFeature.selectError, null);
    store.overrideSelector(selectLiveSettings, { enabled: true, intervalMs: 10_000 });
    store.overrideSelector(selectLivePoll, null);
    store.overrideSelector(selectAnyTaskRunning, false);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(ComparePage);
    await fixture.whenStable();
  });
  // Mock selectors are memoized selectors overridden in place: give them back to the next spec.
  afterEach(() => store.resetSelectors());

  const all = (selector: string) => Array.from(fixture.nativeElement.querySelectorAll(selector)) as HTMLElement[];

  it('renders one tab link per tab, keeping the ids, with the current tab active', () => {
    const links = all('a[mat-tab-link]');
    expect(links.map((l) => l.textContent?.trim())).toEqual(COMPARE_TABS.map((t) => t.label));
    expect(links[0].getAttribute('href')).toBe(`/compare-tasks;ids=${A},${B}/details`);
    expect(links.find((l) => l.classList.contains('mdc-tab--active'))?.textContent?.trim()).toBe('Scalars');
  });

  it('shows a header per task, base first, and sets another as base', async () => {
    const headers = all('[data-testid=task-header]');
    expect(headers.map((h) => h.getAttribute('data-task-id'))).toEqual([A, B]);
    // Until a header scrolls into view it shows only its colour and name.
    expect(headers.map((h) => h.textContent?.trim())).toEqual(['base task', 'other']);
    expect(headers[1].querySelector('[data-testid=set-base]')).toBeNull();
    // In the page, the headers come into view and get their controls.
    document.body.appendChild(fixture.nativeElement);
    await until(
      () => !!headers[1].querySelector('[data-testid=set-base]'),
      () => fixture.whenStable(),
    );
    expect(headers[0].querySelector('[data-testid=base-badge]')).not.toBeNull();
    (headers[1].querySelector('[data-testid=set-base]') as HTMLButtonElement).click();
    expect(store.dispatch).toHaveBeenCalledWith(ComparePageActions.baseTaskSet({ taskId: B }));
    fixture.nativeElement.remove();
  });

  it('offers to remove tasks that were not found', async () => {
    store.overrideSelector(selectMissingTaskIds, [B]);
    store.refreshState();
    await fixture.whenStable();
    const message = all('[data-testid=compare-error]')[0];
    expect(message.textContent).toContain(B);
    (message.querySelector('button') as HTMLButtonElement).click();
    expect(store.dispatch).toHaveBeenCalledWith(ComparePageActions.missingTasksRemoved());
  });

  it('shows the live badge only while polling, and the Auto-refresh toggle turns it off in the URL', async () => {
    expect(all('[data-testid=live-badge]').length).toBe(0);
    store.overrideSelector(selectLivePoll, { ids: [A, B], intervalMs: 10_000 });
    store.overrideSelector(selectAnyTaskRunning, true);
    store.refreshState();
    await fixture.whenStable();
    expect(all('[data-testid=live-badge]').length).toBe(1);
    (all('[data-testid=live-toggle] button')[0] as HTMLButtonElement).click();
    expect(store.dispatch).toHaveBeenCalledWith(CompareViewActions.optionsChanged({ options: { live: 'off' } }));
  });
});
