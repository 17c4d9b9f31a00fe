import { Store } from '@ngrx/store';
import { BehaviorSubject, Observable, Subject, of, throwError } from 'rxjs';
import { compareFeature, selectCompareView, selectEmbedded, selectExistingTaskIds } from './compare.feature';
import {
  RemoteData,
  comparedIdsToLoad,
  initialRemoteData,
  loadRemoteData,
  remoteLoadFailed,
  remoteLoadStarted,
  remoteLoaded,
  sameTaskSet,
} from './remote-data';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);

function fakeStore(ids: string[], view: string, embedded = false) {
  const subjects = {
    ids: new BehaviorSubject(ids),
    view: new BehaviorSubject(view),
    embedded: new BehaviorSubject(embedded),
    revision: new BehaviorSubject(0),
  };
  const store = {
    select: (selector: unknown): Observable<unknown> =>
      selector === selectExistingTaskIds
        ? subjects.ids
        : selector === selectCompareView
          ? subjects.view
          : selector === selectEmbedded
            ? subjects.embedded
            : selector === compareFeature.selectDataRevision
              ? subjects.revision
              : of(null),
  } as unknown as Store;
  return { store, ...subjects };
}

describe('remote data', () => {
  describe('comparedIdsToLoad', () => {
    const showsHp = (view: string) => view.startsWith('hyper-params/');

    it('asks once per set of tasks while a view that shows the data is open, whatever view of them is open', () => {
      const { store, ids, view } = fakeStore([A, B], 'hyper-params/values');
      const out: string[][] = [];
      const sub = comparedIdsToLoad(store, showsHp).subscribe((x) => out.push(x));
      view.next('hyper-params/graph');
      view.next('hyper-params/scatter');
      ids.next([A, B]); // a view option written to the URL: the same ids again
      ids.next([B, A]); // a new base task: the same set
      expect(out).toEqual([[A, B]]);
      ids.next([A, B, C]);
      expect(out).toEqual([
        [A, B],
        [A, B, C],
      ]);
      sub.unsubscribe();
    });

    it('asks nothing while no view shows the data, and asks when one opens', () => {
      const { store, ids, view } = fakeStore([A], 'scalars/graph');
      const out: string[][] = [];
      const sub = comparedIdsToLoad(store, showsHp).subscribe((x) => out.push(x));
      ids.next([A, B]);
      expect(out).toEqual([]);
      view.next('hyper-params/graph');
      expect(out).toEqual([[A, B]]);
      view.next('scalars/graph');
      view.next('hyper-params/values'); // back, nothing changed: the store holds it
      expect(out).toEqual([[A, B]]);
      sub.unsubscribe();
    });

    it('asks again when live updates find new data: at once while shown, else when a view that shows it opens', () => {
      const { store, view, revision } = fakeStore([A], 'hyper-params/graph');
      const out: string[][] = [];
      const sub = comparedIdsToLoad(store, showsHp).subscribe((x) => out.push(x));
      revision.next(1);
      expect(out.length).toBe(2);
      view.next('details');
      revision.next(2);
      revision.next(3);
      expect(out.length).toBe(2);
      view.next('hyper-params/scatter');
      expect(out.length).toBe(3);
      sub.unsubscribe();
    });

    it('tells the view whether it is an embed, and asks nothing for no tasks or too many', () => {
      const { store, ids, embedded } = fakeStore([], 'scalars/graph', true);
      const out: string[][] = [];
      const sub = comparedIdsToLoad(store, (view, embed) => !embed && view === 'scalars/graph').subscribe((x) => out.push(x));
      ids.next([A]);
      expect(out).toEqual([]);
      embedded.next(false);
      expect(out).toEqual([[A]]);
      ids.next(Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0')));
      expect(out).toEqual([[A]]);
      sub.unsubscribe();
    });
  });

  describe('reducer helpers', () => {
    it('keeps the value shown while the same tasks are refreshed, and starts from nothing for other tasks', () => {
      let state: RemoteData<string> = remoteLoadStarted(initialRemoteData, [A, B]);
      expect(state).toEqual({ taskIds: [A, B], value: null, loading: true, error: null });
      state = remoteLoaded(state, [A, B], 'v1');
      expect(state).toEqual({ taskIds: [A, B], value: 'v1', loading: false, error: null });
      state = remoteLoadStarted(state, [B, A]);
      expect(state.value).toBe('v1');
      expect(state.loading).toBeTrue();
      state = remoteLoadStarted(state, [A]);
      expect(state.value).toBeNull();
    });

    it('drops an answer or a failure for tasks no longer asked for', () => {
      let state: RemoteData<string> = remoteLoadStarted(initialRemoteData, [A]);
      expect(remoteLoaded(state, [B], 'old')).toBe(state);
      expect(remoteLoadFailed(state, [B], 'down')).toBe(state);
      state = remoteLoadFailed(state, [A], 'down');
      expect(state.error).toBe('down');
      expect(state.loading).toBeFalse();
      expect(remoteLoadStarted(state, [A]).error).toBeNull();
    });

    it('compares sets of ids in any order', () => {
      expect(sameTaskSet([A, B], [B, A])).toBeTrue();
      expect(sameTaskSet([A, B], [A])).toBeFalse();
      expect(sameTaskSet([A, A], [A, B])).toBeFalse();
      expect(sameTaskSet(null, [A])).toBeFalse();
      expect(sameTaskSet(null, null)).toBeTrue();
    });
  });

  describe('loadRemoteData', () => {
    const actions = {
      loadStarted: (p: object) => ({ type: 'started', ...p }),
      loaded: (p: object) => ({ type: 'loaded', ...p }),
      loadFailed: (p: object) => ({ type: 'failed', ...p }),
    };

    it('says a load started, then its answer or its error, and goes on after an error', () => {
      const ids$ = new Subject<string[]>();
      const fetch = jasmine.createSpy('fetch').and.returnValues(
        of('v'),
        throwError(() => new Error('down')),
      );
      const out: object[] = [];
      ids$.pipe(loadRemoteData<string>(fetch, actions)).subscribe((a) => out.push(a));
      ids$.next([A]);
      ids$.next([B]);
      expect(out).toEqual([
        { type: 'started', taskIds: [A] },
        { type: 'loaded', taskIds: [A], value: 'v' },
        { type: 'started', taskIds: [B] },
        { type: 'failed', taskIds: [B], message: 'down' },
      ]);
    });

    it('drops the answer of a load a newer one superseded', () => {
      const ids$ = new Subject<string[]>();
      const first = new Subject<string>();
      const fetch = jasmine.createSpy('fetch').and.returnValues(first, of('new'));
      const out: { type: string }[] = [];
      ids$.pipe(loadRemoteData<string>(fetch, actions)).subscribe((a) => out.push(a));
      ids$.next([A]);
      ids$.next([B]);
      first.next('old');
      expect(out.map((a) => a.type)).toEqual(['started', 'started', 'loaded']);
      expect(first.observed).toBeFalse();
    });
  });
});
