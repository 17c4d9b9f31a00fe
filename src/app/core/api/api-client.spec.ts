import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { RUNTIME_CONFIG } from '../runtime-config';
import { ApiClient, ApiError, envelopeData } from './api-client';

describe('ApiClient', () => {
  let api: ApiClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: '/srv/api' } }],
    });
    api = TestBed.inject(ApiClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('posts to the versioned endpoint under the configured base and unwraps data', async () => {
    const result = firstValueFrom(api.call<{ tasks: unknown[] }>('tasks.get_all_ex', { id: ['x'] }));
    const req = http.expectOne('/srv/api/v2.31/tasks.get_all_ex');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ id: ['x'] });
    req.flush({ meta: { result_code: 200 }, data: { tasks: [1] } });
    expect(await result).toEqual({ tasks: [1] });
  });

  it('turns an error envelope into an ApiError with the server message', async () => {
    const result = firstValueFrom(api.call('tasks.get_all_ex', {}));
    http
      .expectOne('/srv/api/v2.31/tasks.get_all_ex')
      .flush(
        { meta: { result_code: 400, result_subcode: 1001, result_msg: 'Too many tasks: 101 > 100' }, data: {} },
        { status: 400, statusText: 'Bad Request' },
      );
    const err = await result.catch((e: unknown) => e);
    expect(err).toEqual(jasmine.any(ApiError));
    expect((err as ApiError).message).toBe('Too many tasks: 101 > 100');
    expect((err as ApiError).subcode).toBe(1001);
  });

  it('says the server cannot be reached on a network error', async () => {
    const result = firstValueFrom(api.call('server.info'));
    http.expectOne('/srv/api/v2.31/server.info').error(new ProgressEvent('error'));
    const err = (await result.catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(err.message).toContain('cannot be reached');
  });

  it('refuses an answer that is not an envelope', async () => {
    const result = firstValueFrom(api.call('server.info'));
    http.expectOne('/srv/api/v2.31/server.info').flush('<html>proxy page</html>');
    const err = (await result.catch((e: unknown) => e)) as ApiError;
    expect(err.message).toContain('not a ClearML API response');
  });

  it('answers a call as bytes, and reads the error envelope from bytes too', async () => {
    const bytes = new TextEncoder().encode('{"meta":{},"data":{"tasks":[]}}').buffer;
    const ok = firstValueFrom(api.callBytes('tasks.get_all_ex', { id: ['x'] }));
    const req = http.expectOne('/srv/api/v2.31/tasks.get_all_ex');
    expect(req.request.responseType).toBe('arraybuffer');
    req.flush(bytes);
    expect(envelopeData('tasks.get_all_ex', JSON.parse(new TextDecoder().decode(await ok)))).toEqual({ tasks: [] });

    const failed = firstValueFrom(api.callBytes('tasks.get_all_ex', {}));
    const error = new TextEncoder().encode('{"meta":{"result_code":500,"result_msg":"Texts are down"},"data":{}}').buffer;
    http.expectOne('/srv/api/v2.31/tasks.get_all_ex').flush(error, { status: 500, statusText: 'Server Error' });
    expect(((await failed.catch((e: unknown) => e)) as ApiError).message).toBe('Texts are down');
    expect(() => envelopeData('x', { nope: 1 })).toThrowError(ApiError, /not a ClearML API response/);
  });
});
