import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiClient } from './api-client';
import { TaskQuery, TaskSummary } from './models';

@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly api = inject(ApiClient);

  getAllEx(query: TaskQuery): Observable<{ tasks: TaskSummary[]; total?: number }> {
    return this.api.call('tasks.get_all_ex', query);
  }
}
