import { Store } from '@ngrx/store';
import { Observable, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { TasksApi } from '../../core/api/tasks-api';
import { CompareLiveActions } from './compare.actions';
import { LivePoll } from './live-updates';
import { pollForChanges } from './live-updates.effects';

describe('pollForChanges', () => {
  let scheduler: TestScheduler;
  beforeEach(() => (scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))));

  function run(poll$: Observable<LivePoll | null>, getAllEx: jasmine.Spy) {
    const store = { select: () => poll$ } as unknown as Store;
    return pollForChanges(store, { getAllEx } as unknown as TasksApi);
  }

  it('asks for the change marks only, every interval, while a poll is wanted; stops when it is not', () => {
    scheduler.run(({ cold, expectObservable, flush }) => {
      const marks = [{ id: 'a', status: 'in_progress', last_update: 't', last_change: 'c' }];
      const getAllEx = jasmine.createSpy('getAllEx').and.returnValue(of({ tasks: marks }));
      const poll = { ids: ['a'], intervalMs: 10 };
      const poll$ = cold<LivePoll | null>('p 34ms n', { p: poll, n: null });
      const checked = CompareLiveActions.changesChecked({ taskIds: ['a'], tasks: marks });
      expectObservable(run(poll$, getAllEx)).toBe('10ms c 9ms c 9ms c', { c: checked });
      flush();
      expect(getAllEx).toHaveBeenCalledTimes(3);
      expect(getAllEx.calls.argsFor(0)[0]).toEqual({
        id: ['a'],
        only_fields: ['id', 'status', 'last_update', 'last_change'],
        page_size: 1,
      });
    });
  });

  it('does not restart its timer for an equal poll', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const getAllEx = jasmine.createSpy('getAllEx').and.returnValue(of({ tasks: [] }));
      const poll = { ids: ['a'], intervalMs: 10 };
      const same$ = cold<LivePoll | null>('a 5ms b', { a: poll, b: { ...poll } });
      expectObservable(run(same$, getAllEx), '^ 25ms !').toBe('10ms c 9ms c', {
        c: CompareLiveActions.changesChecked({ taskIds: ['a'], tasks: [] }),
      });
    });
  });

  it('never asks when no poll is wanted', () => {
    scheduler.run(({ cold, expectObservable, flush }) => {
      const getAllEx = jasmine.createSpy('getAllEx').and.returnValue(of({ tasks: [] }));
      expectObservable(run(cold<LivePoll | null>('n', { n: null }), getAllEx), '^ 50ms !').toBe('');
      flush();
      expect(getAllEx).not.toHaveBeenCalled();
    });
  });
});
