import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiClient } from './api-client';
import { Task, TaskQuery, TaskSummary } from './models';

@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly api = inject(ApiClient);

  getAllEx(query: TaskQuery): Observable<{ tasks: TaskSummary[]; total?: number }> {
    return this.api.call('tasks.get_all_ex', query);
  }

  /** Whole tasks (or the `only_fields` asked for), in the order of `ids`. */
  getByIds(ids: string[], onlyFields?: string[]): Observable<{ tasks: Task[] }> {
    return this.api.call('tasks.get_all_ex', this.byIdsQuery(ids, onlyFields));
  }

  /** `getByIds` answered as bytes (the ClearML envelope, unparsed), to be parsed elsewhere. */
  getByIdsBytes(ids: string[], onlyFields?: string[]): Observable<ArrayBuffer> {
    return this.api.callBytes('tasks.get_all_ex', this.byIdsQuery(ids, onlyFields));
  }

  /** The `tasks.get_all_ex` body of `getByIds`. */
  byIdsQuery(ids: string[], onlyFields?: string[]) {
    return { id: ids, page_size: ids.length || 1, ...(onlyFields ? { only_fields: onlyFields } : {}) };
  }
}
