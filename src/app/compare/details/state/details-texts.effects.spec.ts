import { Actions } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Observable, Subject, of } from 'rxjs';
import { Task } from '../../../core/api/models';
import { selectCompareTab } from '../../../state/compare/compare.feature';
import { selectDetailedTasks } from '../../../state/task-details/task-details.feature';
import { DetailsTexts } from '../details-texts';
import { DetailsTextsPageActions } from './details-texts.actions';
import { loadDetailsTexts } from './details-texts.effects';

describe('loadDetailsTexts', () => {
  it('asks for the texts of the tasks Details shows, only while it is open, and again on retry', () => {
    const tasks = new BehaviorSubject<(Task | null)[]>([{ id: 'a' } as Task, null]);
    const tab = new BehaviorSubject('details');
    const store = {
      select: (selector: unknown): Observable<unknown> =>
        selector === selectDetailedTasks ? tasks : selector === selectCompareTab ? tab : of(null),
    } as unknown as Store;
    const actions$ = new Subject<Action>();
    const loadMissing = jasmine.createSpy('loadMissing');
    const sub = loadDetailsTexts(actions$ as unknown as Actions, store, { loadMissing } as unknown as DetailsTexts).subscribe();
    expect(loadMissing.calls.allArgs()).toEqual([[['a'], false]]);
    tab.next('scalars');
    tasks.next([{ id: 'a' } as Task, { id: 'b' } as Task]);
    expect(loadMissing).toHaveBeenCalledTimes(1);
    tab.next('details');
    expect(loadMissing.calls.mostRecent().args).toEqual([['a', 'b'], false]);
    actions$.next(DetailsTextsPageActions.retryClicked());
    expect(loadMissing.calls.mostRecent().args).toEqual([['a', 'b'], true]);
    sub.unsubscribe();
  });
});
