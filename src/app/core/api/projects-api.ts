import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiClient } from './api-client';
import { Project } from './models';

@Injectable({ providedIn: 'root' })
export class ProjectsApi {
  private readonly api = inject(ApiClient);

  getAllEx(): Observable<{ projects: Project[] }> {
    return this.api.call('projects.get_all_ex', { order_by: ['name'], page_size: 500 });
  }

  getTaskTags(projectIds: string[] = []): Observable<{ tags: string[]; system_tags: string[] }> {
    return this.api.call('projects.get_task_tags', projectIds.length ? { projects: projectIds } : {});
  }
}
