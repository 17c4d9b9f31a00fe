import { Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { rangeLabel } from '../table-query';

/** The task table's paginator words: its range label knows whether the server counted the tasks. */
@Injectable()
export class TaskPaginatorIntl extends MatPaginatorIntl {
  counted = true;

  override getRangeLabel = (page: number, pageSize: number, length: number): string => rangeLabel(page, pageSize, length, this.counted);

  setCounted(counted: boolean): void {
    if (counted === this.counted) return;
    this.counted = counted;
    this.changes.next();
  }
}
