import { TestBed } from '@angular/core/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { DebugSamplesTab } from './debug-samples-tab';
import { columnPosition } from './sample-navigation';
import { parseSampleOptions } from './sample-view-options';
import { DebugSamplesPageActions } from './state/debug-samples.actions';
import {
  SampleColumnView,
  debugSamplesFeature,
  initialDebugSamplesState,
  selectIterationRange,
  selectSampleColumns,
  selectSampleOptions,
  selectViewerIterations,
} from './state/debug-samples.feature';

const ids = Array.from({ length: 100 }, (_, i) => i.toString(16).padStart(32, '0'));
const iterations = [
  { iter: 20, events: [] },
  { iter: 10, events: [] },
];
const columns: SampleColumnView[] = ids.map((id) => ({
  task: { id, isBase: false, color: '#000', displayName: id.slice(-3), task: null },
  metrics: [],
  metric: null,
  samples: { status: 'loaded', iterations, error: null, complete: true, loadingOlder: false, scrollId: null, iters: 20 },
  position: columnPosition(iterations, null),
}));

describe('DebugSamplesTab', () => {
  let store: MockStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideMockStore()] });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectSampleColumns, columns);
    store.overrideSelector(selectSampleOptions, parseSampleOptions({ sync: '1' }));
    store.overrideSelector(selectIterationRange, [10, 20]);
    store.overrideSelector(debugSamplesFeature.selectViewer, initialDebugSamplesState.viewer);
    store.overrideSelector(selectViewerIterations, []);
    store.overrideSelector(debugSamplesFeature.selectMetricsError, null);
  });
  // Mock selectors are memoized selectors overridden in place: give them back to the next spec.
  afterEach(() => store.resetSelectors());

  it('renders only some of 100 columns and reports which', async () => {
    const dispatched = spyOn(store, 'dispatch').and.callThrough();
    const fixture = TestBed.createComponent(DebugSamplesTab);
    fixture.nativeElement.style.cssText = 'display:block;width:1200px;height:600px';
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 50));
    await fixture.whenStable();
    const rendered = fixture.nativeElement.querySelectorAll('app-sample-column').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(20);
    const visible = dispatched.calls
      .allArgs()
      .map(([a]) => a as unknown as { type: string; taskIds: string[] })
      .filter((a) => a.type === DebugSamplesPageActions.visibleColumnsChanged.type);
    expect(visible.at(-1)?.taskIds).toEqual(ids.slice(0, rendered));
    fixture.nativeElement.remove();
  });

  it('with sync, an older click in one column moves every column (one URL change)', async () => {
    const dispatched = spyOn(store, 'dispatch').and.callThrough();
    const fixture = TestBed.createComponent(DebugSamplesTab);
    fixture.nativeElement.style.cssText = 'display:block;width:1200px;height:600px';
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 50));
    await fixture.whenStable();
    (fixture.nativeElement.querySelector('[data-testid="older-button"]') as HTMLButtonElement).click();
    const chosen = dispatched.calls.allArgs().filter(([a]) => (a as unknown as Action).type === DebugSamplesPageActions.optionsChosen.type);
    expect(chosen).toEqual([[DebugSamplesPageActions.optionsChosen({ options: { iter: '10', cols: null } })]]);
    fixture.nativeElement.remove();
  });
});
