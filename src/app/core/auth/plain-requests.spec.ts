import { DOCUMENT, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RUNTIME_CONFIG } from '../runtime-config';
import { AuthSession } from './auth-session';
import { PlainRequests } from './plain-requests';

describe('PlainRequests', () => {
  const token = signal<string | null>(null);

  function requests(apiBaseUrl: string, baseURI: string): PlainRequests {
    TestBed.configureTestingModule({
      providers: [
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl } },
        { provide: AuthSession, useValue: { token } },
        { provide: DOCUMENT, useValue: { baseURI } },
      ],
    });
    return TestBed.inject(PlainRequests);
  }

  beforeEach(() => token.set(null));

  it("resolves the API base against the app's base href: /api on the host, api below the app, a URL as it is", () => {
    const base = 'https://clearml.example.com/compare/';
    expect(requests('/api', base).forCall('tasks.get_all_ex', {}).url).toBe('https://clearml.example.com/api/v2.31/tasks.get_all_ex');
    TestBed.resetTestingModule();
    expect(requests('api', base).forCall('tasks.get_all_ex', {}).url).toBe(
      'https://clearml.example.com/compare/api/v2.31/tasks.get_all_ex',
    );
    TestBed.resetTestingModule();
    expect(requests('https://api.example.com', base).forCall('tasks.get_all_ex', {}).url).toBe(
      'https://api.example.com/v2.31/tasks.get_all_ex',
    );
  });

  it("sends the cookies (ClearML's web session) and the token only when signed in here", () => {
    const plain = requests('/api', 'http://127.0.0.1:8080/compare/');
    const anonymous = plain.forCall('tasks.get_all_ex', { id: ['a'] });
    expect(anonymous.credentials).toBe('include');
    expect(anonymous.headers['authorization']).toBeUndefined();
    expect(anonymous.body).toBe('{"id":["a"]}');
    token.set('tok1');
    expect(plain.forCall('tasks.get_all_ex', {}).headers['authorization']).toBe('Bearer tok1');
  });
});
