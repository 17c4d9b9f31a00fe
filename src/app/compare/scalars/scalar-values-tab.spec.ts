import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Task } from '../../core/api/models';
import { CompareViewActions } from '../../state/compare/compare.actions';
import { selectCompareView, selectComparedTasks } from '../../state/compare/compare.feature';
import { ScalarValuesTab, selectScalarValuesOptions } from './scalar-values-tab';
import { scalarsFeature, selectScalarTasks } from './state/scalars.feature';

const tasks: Task[] = [
  {
    id: 'a',
    name: 'A',
    status: 'completed',
    type: 'training',
    last_metrics: { h: { v: { metric: 'loss', variant: 'train', value: 1, min_value: 0.5, max_value: 2 } } },
  },
  {
    id: 'b',
    name: 'B',
    status: 'completed',
    type: 'training',
    last_metrics: { h: { v: { metric: 'loss', variant: 'train', value: 3, min_value: 0.2, max_value: 4 } } },
  },
];

async function render(view: string) {
  TestBed.configureTestingModule({
    imports: [ScalarValuesTab],
    providers: [
      provideRouter([]),
      provideMockStore({
        selectors: [
          { selector: selectCompareView, value: view },
          { selector: selectScalarTasks, value: tasks },
          { selector: scalarsFeature.selectTasksError, value: null },
          {
            selector: selectComparedTasks,
            value: tasks.map((t, i) => ({ id: t.id, isBase: i === 0, color: '#000', displayName: t.name, task: null })),
          },
        ],
      }),
    ],
  });
  const store = TestBed.inject(MockStore);
  store.overrideSelector(selectScalarValuesOptions, { extremes: true, delta: false, shown: null, search: '', level: '95' });
  const fixture = TestBed.createComponent(ScalarValuesTab);
  fixture.detectChanges();
  await fixture.whenStable();
  return { el: fixture.nativeElement as HTMLElement, store };
}

describe('ScalarValuesTab', () => {
  // Mock selectors are memoized selectors overridden in place: give them back to the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  it('shows the values of the view (min here) with extremes', async () => {
    const { el } = await render('scalars/min-values');
    const cells = Array.from(el.querySelectorAll('[data-testid="value-cell"]'));
    expect(cells.map((c) => c.getAttribute('data-value'))).toEqual(['0.5', '0.2']);
    expect(cells[0].classList).toContain('max');
    expect(cells[1].classList).toContain('min');
  });

  it('writes a toggle to the URL as a view option', async () => {
    const { el, store } = await render('scalars/values');
    const dispatch = spyOn(store, 'dispatch');
    (el.querySelector('[data-testid="delta-toggle"] button') as HTMLButtonElement).click();
    expect(dispatch).toHaveBeenCalledWith(CompareViewActions.optionsChanged({ options: { diff: '1' } }));
  });
});
