import { Injectable, inject } from '@angular/core';
import { Observable, forkJoin, map, of } from 'rxjs';
import { ApiClient } from './api-client';
import { Task, TaskQuery, TaskSummary } from './models';

/** A page of tasks; `total` only when the server counted them. */
export interface TaskPage {
  tasks: TaskSummary[];
  hasMore: boolean;
  total?: number;
}

/**
 * The request that tells whether a task follows a page (clearml-server answers no count): the same
 * query, one task at the position right after the page (`page` counts in units of `page_size`).
 */
export function nextPageProbe(query: TaskQuery): TaskQuery {
  const size = query.page_size ?? 0;
  return { ...query, only_fields: ['id'], page: ((query.page ?? 0) + 1) * size, page_size: 1 };
}

@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly api = inject(ApiClient);

  getAllEx(query: TaskQuery): Observable<{ tasks: TaskSummary[]; total?: number }> {
    return this.api.call('tasks.get_all_ex', query);
  }

  /**
   * One page of a table query, and whether a task follows it: clearml-server answers no count, so
   * a second, one-task request at the position after the page tells (it is asked alongside, and
   * only matters when the page is full). `total` only when the server gives a count.
   */
  getPage(query: TaskQuery): Observable<TaskPage> {
    const size = query.page_size ?? 0;
    const probe = size > 0 ? this.getAllEx(nextPageProbe(query)).pipe(map(({ tasks }) => tasks.length > 0)) : of(false);
    return forkJoin([this.getAllEx(query), probe]).pipe(
      map(([{ tasks, total }, next]) => ({
        tasks,
        hasMore: tasks.length >= size && next,
        ...(typeof total === 'number' ? { total } : {}),
      })),
    );
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
