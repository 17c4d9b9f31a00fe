import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, firstValueFrom } from 'rxjs';
import { RUNTIME_CONFIG } from '../runtime-config';
import { AuthSession } from './auth-session';
import { authInterceptor } from './auth.interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let signedIn: Subject<void>;
  const session = { token: signal<string | null>(null), signIn: jasmine.createSpy('signIn'), signOut: () => session.token.set(null) };

  beforeEach(() => {
    session.token.set(null);
    signedIn = new Subject<void>();
    session.signIn.calls.reset();
    session.signIn.and.callFake(() => signedIn.asObservable());
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: '/api' } },
        { provide: AuthSession, useValue: session },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends the stored token as a Bearer header to the API only', () => {
    session.token.set('tok1');
    http.post('/api/v2.31/tasks.get_all', {}).subscribe();
    http.get('config.json').subscribe();
    expect(backend.expectOne('/api/v2.31/tasks.get_all').request.headers.get('Authorization')).toBe('Bearer tok1');
    expect(backend.expectOne('config.json').request.headers.has('Authorization')).toBeFalse();
  });

  it("sends API requests with the browser's cookies (ClearML's web session), and no Authorization header without a token", () => {
    http.post('/api/v2.31/tasks.get_all', {}).subscribe();
    http.get('config.json').subscribe();
    const api = backend.expectOne('/api/v2.31/tasks.get_all').request;
    expect(api.withCredentials).toBeTrue();
    expect(api.headers.has('Authorization')).toBeFalse();
    expect(backend.expectOne('config.json').request.withCredentials).toBeFalse();
  });

  it('on 401 shows the sign-in form once and resends every waiting request with the new token', async () => {
    const first = firstValueFrom(http.post<{ n: number }>('/api/v2.31/tasks.get_all', {}));
    const second = firstValueFrom(http.post<{ n: number }>('/api/v2.31/projects.get_all', {}));
    backend.expectOne('/api/v2.31/tasks.get_all').flush({ meta: { result_code: 401 } }, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v2.31/projects.get_all').flush({ meta: { result_code: 401 } }, { status: 401, statusText: 'Unauthorized' });
    expect(session.signIn).toHaveBeenCalledTimes(2);
    session.token.set('fresh');
    signedIn.next();
    signedIn.complete();
    const retried = backend.match(() => true);
    expect(retried.length).toBe(2);
    for (const r of retried) {
      expect(r.request.headers.get('Authorization')).toBe('Bearer fresh');
      expect(r.request.withCredentials).toBeTrue();
      r.flush({ n: 1 });
    }
    expect(await first).toEqual({ n: 1 });
    expect(await second).toEqual({ n: 1 });
  });

  it('resends without asking again when another request signed in meanwhile', async () => {
    session.token.set('old');
    const result = firstValueFrom(http.post('/api/v2.31/tasks.get_all', {}));
    const req = backend.expectOne('/api/v2.31/tasks.get_all');
    session.token.set('new');
    req.flush({}, { status: 401, statusText: 'Unauthorized' });
    const again = backend.expectOne('/api/v2.31/tasks.get_all');
    expect(again.request.headers.get('Authorization')).toBe('Bearer new');
    again.flush({ ok: true });
    expect(await result).toEqual({ ok: true });
    expect(session.signIn).not.toHaveBeenCalled();
  });

  it("when its own token is refused, forgets it and tries the browser's session before asking", async () => {
    session.token.set('expired');
    const viaCookie = firstValueFrom(http.post('/api/v2.31/tasks.get_all', {}));
    backend.expectOne('/api/v2.31/tasks.get_all').flush({}, { status: 401, statusText: 'Unauthorized' });
    const resent = backend.expectOne('/api/v2.31/tasks.get_all');
    expect(resent.request.headers.has('Authorization')).toBeFalse();
    expect(resent.request.withCredentials).toBeTrue();
    expect(session.token()).toBeNull();
    resent.flush({ ok: true });
    expect(await viaCookie).toEqual({ ok: true });
    expect(session.signIn).not.toHaveBeenCalled();

    // No session in the browser either: the form, then the new token.
    session.token.set('expired');
    const asked = firstValueFrom(http.post('/api/v2.31/tasks.get_all', {}));
    backend.expectOne('/api/v2.31/tasks.get_all').flush({}, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v2.31/tasks.get_all').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(session.signIn).toHaveBeenCalledTimes(1);
    session.token.set('fresh');
    signedIn.next();
    signedIn.complete();
    const last = backend.expectOne('/api/v2.31/tasks.get_all');
    expect(last.request.headers.get('Authorization')).toBe('Bearer fresh');
    last.flush({ ok: 2 });
    expect(await asked).toEqual({ ok: 2 });
  });

  it('passes other errors through untouched', async () => {
    const result = firstValueFrom(http.post('/api/v2.31/tasks.get_all', {})).catch((e: { status: number }) => e.status);
    backend.expectOne('/api/v2.31/tasks.get_all').flush({}, { status: 400, statusText: 'Bad Request' });
    expect(await result).toBe(400);
    expect(session.signIn).not.toHaveBeenCalled();
  });
});
