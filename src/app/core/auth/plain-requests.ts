import { DOCUMENT, Injectable, inject } from '@angular/core';
import { API_VERSION } from '../api/api-client';
import { PlainRequest } from '../api/plain-request';
import { RUNTIME_CONFIG } from '../runtime-config';
import { AuthSession } from './auth-session';

/**
 * Builds the request the app's HTTP client would send for an API call, with the session's token,
 * so that a worker can fetch a large answer itself (its bytes then never reach the page's thread).
 * A 401 cannot show the sign-in form from a worker: callers send the call again through the HTTP
 * client, which does.
 */
@Injectable({ providedIn: 'root' })
export class PlainRequests {
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly session = inject(AuthSession);
  private readonly document = inject(DOCUMENT);

  forCall(endpoint: string, body: object): PlainRequest {
    const url = new URL(`${this.config.apiBaseUrl}/v${API_VERSION}/${endpoint}`, this.document.baseURI).href;
    const token = this.session.token();
    return {
      url,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      // ClearML's web session cookie goes along, as with every API call (see authInterceptor).
      credentials: 'include',
    };
  }
}
