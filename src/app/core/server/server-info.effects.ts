import { inject } from '@angular/core';
import { Actions, ROOT_EFFECTS_INIT, createEffect, ofType } from '@ngrx/effects';
import { catchError, map, of, switchMap, take } from 'rxjs';
import { ApiClient } from '../api/api-client';
import { PLAIN_CLEARML, parseCapabilities } from './server-capabilities';
import { ServerInfoActions } from './server-info.feature';

/** Asks `server.info` once, at start; a failed answer leaves every extension off. */
export const loadCapabilities = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) => {
    return actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      take(1),
      switchMap(() =>
        api.call<unknown>('server.info').pipe(
          map((info) => ServerInfoActions.capabilitiesLoaded({ capabilities: parseCapabilities(info) })),
          catchError(() => of(ServerInfoActions.capabilitiesLoaded({ capabilities: PLAIN_CLEARML }))),
        ),
      ),
    );
  },
  { functional: true },
);
