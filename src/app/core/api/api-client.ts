import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, throwError } from 'rxjs';
import { RUNTIME_CONFIG } from '../runtime-config';

/** The API version this app is written against; the server accepts any. */
export const API_VERSION = '2.31';

interface Envelope<T> {
  meta?: { result_code?: number; result_subcode?: number; result_msg?: string; error_data?: Record<string, unknown> };
  data: T;
}

/** An error answered by the API (or the network), in words a person can act on. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly subcode: number,
    readonly endpoint: string,
    readonly errorData: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function toApiError(endpoint: string, err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HttpErrorResponse) {
    const envelope = err.error as Envelope<unknown> | null;
    const meta = envelope && typeof envelope === 'object' ? envelope.meta : undefined;
    if (meta?.result_msg) {
      return new ApiError(meta.result_msg, err.status, meta.result_subcode ?? 0, endpoint, meta.error_data ?? {});
    }
    if (err.status === 0) {
      return new ApiError('The server cannot be reached. Check that it is running and try again.', 0, 0, endpoint);
    }
    return new ApiError(`The server answered ${err.status} ${err.statusText || ''} to ${endpoint}.`.replace('  ', ' '), err.status, 0, endpoint);
  }
  return new ApiError(err instanceof Error ? err.message : String(err), 0, 0, endpoint);
}

/** Calls `POST {apiBaseUrl}/v{version}/{service}.{action}` and unwraps the ClearML envelope. */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);
  private readonly config = inject(RUNTIME_CONFIG);

  call<T>(endpoint: string, body: object = {}): Observable<T> {
    const url = `${this.config.apiBaseUrl}/v${API_VERSION}/${endpoint}`;
    return this.http.post<Envelope<T>>(url, body).pipe(
      map((envelope) => {
        if (!envelope || typeof envelope !== 'object' || !('data' in envelope)) {
          throw new ApiError(`The answer to ${endpoint} is not a ClearML API response.`, 200, 0, endpoint);
        }
        return envelope.data;
      }),
      catchError((err: unknown) => throwError(() => toApiError(endpoint, err))),
    );
  }
}
