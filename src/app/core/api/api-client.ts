import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, throwError } from 'rxjs';
import { RUNTIME_CONFIG } from '../runtime-config';
import { ApiError, Envelope, envelopeData, errorFromAnswer, parseBytes } from './api-error';
import { errorMessage } from '../error-message';

export { ApiError, envelopeData } from './api-error';

/** The API version this app is written against; the server accepts any. */
export const API_VERSION = '2.31';

/** A failed call (HTTP error, error envelope, network) as an ApiError with the server's message. */
export function toApiError(endpoint: string, err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HttpErrorResponse) {
    return errorFromAnswer(endpoint, err.status, err.statusText, err.error instanceof ArrayBuffer ? parseBytes(err.error) : err.error);
  }
  return new ApiError(errorMessage(err), 0, 0, endpoint);
}

/** Calls `POST {apiBaseUrl}/v{version}/{service}.{action}` and unwraps the ClearML envelope. */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);
  private readonly config = inject(RUNTIME_CONFIG);

  call<T>(endpoint: string, body: object = {}): Observable<T> {
    const url = `${this.config.apiBaseUrl}/v${API_VERSION}/${endpoint}`;
    return this.http.post<Envelope<T>>(url, body).pipe(
      map((envelope) => envelopeData<T>(endpoint, envelope)),
      catchError((err: unknown) => throwError(() => toApiError(endpoint, err))),
    );
  }

  /**
   * The same call answered as the response's bytes, unparsed (the envelope is read by whoever
   * parses them, with `envelopeData`): a large answer can go to a worker without a copy.
   */
  callBytes(endpoint: string, body: object = {}): Observable<ArrayBuffer> {
    const url = `${this.config.apiBaseUrl}/v${API_VERSION}/${endpoint}`;
    return this.http
      .post(url, body, { responseType: 'arraybuffer' })
      .pipe(catchError((err: unknown) => throwError(() => toApiError(endpoint, err))));
  }
}
