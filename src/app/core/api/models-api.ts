import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiClient } from './api-client';
import { MODEL_FIELDS, ModelInfo } from './models';

@Injectable({ providedIn: 'root' })
export class ModelsApi {
  private readonly api = inject(ApiClient);

  /** The models with these ids (one call), with the fields Details shows. */
  getByIds(ids: string[]): Observable<{ models: ModelInfo[] }> {
    return this.api.call('models.get_all_ex', { id: ids, only_fields: MODEL_FIELDS, page_size: Math.max(1, ids.length) });
  }
}
