import { HttpBackend, HttpClient, HttpHeaders } from '@angular/common/http';
import { DOCUMENT, Injectable, Injector, inject, signal } from '@angular/core';
import { Observable, catchError, finalize, from, map, share, switchMap, throwError } from 'rxjs';
import { API_VERSION, toApiError } from '../api/api-client';
import { RUNTIME_CONFIG } from '../runtime-config';
import { TOKEN_STORAGE_KEY, basicAuthorization, tokenCookie } from './credentials';
import type { SignInData } from './sign-in-dialog';

/**
 * The signed-in session: the token from `auth.login`, kept in sessionStorage (this tab, until it
 * closes) and in a cookie for /files. When the server answers 401, `signIn()` shows the sign-in
 * form once, however many requests are waiting, and completes when the user has signed in.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  /** Without interceptors, so signing in never waits on itself. */
  private readonly http = new HttpClient(inject(HttpBackend));
  private readonly storage: Storage | null = this.document.defaultView?.sessionStorage ?? null;
  private pending: Observable<void> | null = null;

  readonly token = signal<string | null>(this.storage?.getItem(TOKEN_STORAGE_KEY) ?? null);

  /** Calls auth.login with Basic credentials; stores the token on success. */
  login(access: string, secret: string): Observable<void> {
    const url = `${this.config.apiBaseUrl}/v${API_VERSION}/auth.login`;
    const headers = new HttpHeaders({ Authorization: basicAuthorization(access, secret) });
    // With credentials, as ClearML's web app signs in: clearml-server answers with its session cookie too.
    return this.http.post<{ data?: { token?: string } }>(url, {}, { headers, withCredentials: true }).pipe(
      map((envelope) => {
        const token = envelope?.data?.token;
        if (typeof token !== 'string' || !token) throw new Error('The server answered auth.login without a token.');
        this.setToken(token);
      }),
      catchError((err: unknown) => throwError(() => toApiError('auth.login', err))),
    );
  }

  /** Shows the sign-in form (once for all waiting requests); completes after signing in. */
  signIn(): Observable<void> {
    const data: SignInData = { login: (access, secret) => this.login(access, secret) };
    // The form (and Material's dialog) load only when a server asks for them.
    this.pending ??= from(import('./sign-in-dialog')).pipe(
      switchMap(({ openSignInDialog }) => openSignInDialog(this.injector, data)),
      map(() => undefined),
      finalize(() => (this.pending = null)),
      share(),
    );
    return this.pending;
  }

  signOut() {
    this.setToken(null);
  }

  private setToken(token: string | null) {
    this.token.set(token);
    if (token) this.storage?.setItem(TOKEN_STORAGE_KEY, token);
    else this.storage?.removeItem(TOKEN_STORAGE_KEY);
    const secure = this.document.location?.protocol === 'https:';
    this.document.cookie = tokenCookie(token, secure, Math.floor(Date.now() / 1000));
  }
}
