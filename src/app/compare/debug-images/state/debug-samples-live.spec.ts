import { Store } from '@ngrx/store';
import { BehaviorSubject, of } from 'rxjs';
import { compareFeature } from '../../state/compare.feature';
import { DebugSamplesApiActions } from './debug-samples.actions';
import { refreshColumnsOnNewData } from './debug-samples.effects';
import { ColumnSamples, columnKey, debugSamplesFeature } from './debug-samples.feature';

const loaded: ColumnSamples = { status: 'loaded', iterations: [], error: null, complete: true, loadingOlder: false };

describe('refreshColumnsOnNewData', () => {
  it('fetches the loaded columns again when the data revision moves, not when the tab opens', () => {
    const revision$ = new BehaviorSubject(3);
    const columns = {
      [columnKey({ task: 'a', metric: null })]: loaded,
      [columnKey({ task: 'b', metric: 'img' })]: loaded,
      [columnKey({ task: 'c', metric: null })]: { ...loaded, status: 'loading' as const },
    };
    const store = {
      select: (selector: unknown) => (selector === compareFeature.selectDataRevision ? revision$ : selector === debugSamplesFeature.selectColumns ? of(columns) : of(null)),
    } as unknown as Store;
    const out: unknown[] = [];
    refreshColumnsOnNewData(store).subscribe((action) => out.push(action));
    expect(out).toEqual([]);
    revision$.next(3);
    expect(out).toEqual([]);
    revision$.next(4);
    expect(out).toEqual([DebugSamplesApiActions.columnsRefreshRequested({ keys: [{ task: 'a', metric: null }, { task: 'b', metric: 'img' }] })]);
  });
});
