import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { RUNTIME_CONFIG } from '../runtime-config';
import { AuthSession } from './auth-session';
import { isApiUrl, isLoginUrl } from './credentials';

function withToken(request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Sends the session token with every API request; on a 401 it asks the user to sign in and then
 * sends the request again, so the page carries on where it stopped.
 *
 * API requests carry the browser's cookies (`withCredentials`), as ClearML's own web app sends
 * them: a user signed in to ClearML's web app on the same host holds its session cookie
 * (`clearml_token_basic`, HttpOnly), which clearml-server reads as the token of any request that
 * has no Authorization header. Without a token of its own the app sends none, so that session is
 * used; on the same origin the cookie goes along anyway, on another origin (an API host of its
 * own) the server must allow credentials, as clearml-server does.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const config = inject(RUNTIME_CONFIG);
  if (!isApiUrl(request.url, config.apiBaseUrl) || isLoginUrl(request.url)) return next(request);
  const session = inject(AuthSession);
  const sent = session.token();
  request = request.clone({ withCredentials: true });
  const signInAndResend = () => session.signIn().pipe(switchMap(() => next(withToken(request, session.token()))));
  return next(withToken(request, sent)).pipe(
    catchError((error: unknown) => {
      if (!isUnauthorized(error)) return throwError(() => error);
      // Signed in again meanwhile (another request showed the form): just send it again.
      const current = session.token();
      if (current && current !== sent) return next(withToken(request, current));
      if (!sent) return signInAndResend();
      // The app's own token is no longer accepted: forget it, and try the browser's session (a
      // ClearML web session signed in since) before asking.
      session.signOut();
      return next(request).pipe(catchError((again: unknown) => (isUnauthorized(again) ? signInAndResend() : throwError(() => again))));
    }),
  );
};

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}
