import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { routerNavigatedAction } from '@ngrx/router-store';
import { Store } from '@ngrx/store';
import { distinctUntilChanged, filter, map, mergeMap, startWith } from 'rxjs';
import { Notices } from '../../shared/notice/notices';
import { CompareViewActions } from '../../state/compare/compare.actions';
import { checkCompareUrl, describeProblems, optionsToClear } from './url-check';

/**
 * After each navigation to the compare page, tells the user what in the link could not be used
 * (the page already shows defaults in its place) and offers to clean the link up.
 */
export const noticeUnreadableUrl = createEffect(
  (actions$ = inject(Actions), router = inject(Router), notices = inject(Notices), store = inject(Store)) => {
    return actions$.pipe(
      ofType(routerNavigatedAction),
      // The navigation that opened the page may end before this effect starts listening.
      startWith(null),
      map(() => router.currentNavigation() ?? router.lastSuccessfulNavigation()),
      // Once per navigation (it may be seen both at start and when it ends); the URL before redirects.
      filter((navigation) => navigation !== null),
      distinctUntilChanged((a, b) => a.id === b.id),
      map((navigation) => checkCompareUrl(router.serializeUrl(navigation.initialUrl))),
      filter((problems) => problems.length > 0),
      mergeMap(async (problems) => {
        const options = optionsToClear(problems);
        const clean = Object.keys(options).length > 0;
        const notice = await notices.show(describeProblems(problems), clean ? 'Clean up link' : 'OK', {
          duration: 15000,
          panelClass: 'url-notice',
        });
        notice.onAction().subscribe(() => {
          if (clean) store.dispatch(CompareViewActions.optionsChanged({ options }));
        });
      }),
    );
  },
  { functional: true, dispatch: false },
);
