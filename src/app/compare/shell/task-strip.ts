import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  ElementRef,
  OnDestroy,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { whenIdle } from '../../shared/progressive/progressive';
import { MiddleEllipsis } from '../../shared/middle-ellipsis/middle-ellipsis';
import { StatusChip } from '../../shared/status-chip';
import { TASK_PALETTE } from '../../shared/task-colors';
import { ComparedTask } from '../../state/compare/compare.feature';

/** Headers made at once: more than a 2,560-pixel-wide strip shows. */
const FIRST_HEADERS = 16;

/** Reports a task header to its strip, which draws the header's controls once it comes into view. */
@Directive({ selector: '[appStripHeader]' })
export class StripHeader implements OnInit, OnDestroy {
  private readonly strip = inject(TaskStrip);
  private readonly el = inject<ElementRef<HTMLElement>>(ElementRef);

  ngOnInit(): void {
    this.strip.observe(this.el.nativeElement);
  }

  ngOnDestroy(): void {
    this.strip.unobserve(this.el.nativeElement);
  }
}

/**
 * The compared tasks as a row of headers, base first: the legend every tab shares (colour, name,
 * status, project, tags). Drag a header to reorder; dropping one leftmost makes it the base.
 * A header's controls and details are made when it scrolls into view: up to 100 headers share the
 * strip and only a few show at once.
 */
@Component({
  selector: 'app-task-strip',
  imports: [
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    StripHeader,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatTooltipModule,
    RouterLink,
    StatusChip,
    MiddleEllipsis,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="strip"
      cdkDropList
      cdkDropListOrientation="horizontal"
      (cdkDropListDropped)="onDrop($event)"
      role="list"
      aria-label="Compared tasks"
    >
      @for (task of shownTasks(); track task.id) {
        <div
          class="header"
          cdkDrag
          cdkDragLockAxis="x"
          appStripHeader
          role="listitem"
          [class.base]="task.isBase"
          [style.--task-color]="task.color"
          [attr.data-dash]="task.dash"
          [attr.data-task-id]="task.id"
          data-testid="task-header"
        >
          @if (seen().has(task.id)) {
            <div class="top">
              <mat-icon class="drag-handle" cdkDragHandle aria-hidden="true" matTooltip="Drag to reorder; leftmost is the base task"
                >drag_indicator</mat-icon
              >
              <button
                type="button"
                class="swatch"
                [style.background]="task.color"
                [matMenuTriggerFor]="colorMenu"
                [matMenuTriggerData]="{ taskId: task.id }"
                [attr.aria-label]="'Colour of ' + task.displayName"
                matTooltip="Change this task's colour"
                data-testid="task-color"
              ></button>
              <a
                class="name"
                [routerLink]="['/tasks']"
                [queryParams]="{ q: task.id, archived: 1 }"
                [attr.aria-label]="task.displayName"
                data-testid="task-name"
                ><app-middle-ellipsis [text]="task.displayName"
              /></a>
              @if (task.isBase) {
                <span class="base-badge" data-testid="base-badge">BASE</span>
              }
              <span class="actions">
                @if (!task.isBase) {
                  <button
                    mat-icon-button
                    type="button"
                    class="small"
                    (click)="baseSet.emit(task.id)"
                    matTooltip="Set as base task"
                    [attr.aria-label]="'Set ' + task.displayName + ' as base task'"
                    data-testid="set-base"
                  >
                    <mat-icon>first_page</mat-icon>
                  </button>
                }
                <button
                  mat-icon-button
                  type="button"
                  class="small"
                  (click)="removed.emit(task.id)"
                  [attr.aria-label]="'Remove ' + task.displayName"
                  matTooltip="Remove from the comparison"
                >
                  <mat-icon>close</mat-icon>
                </button>
              </span>
            </div>
            @if (task.task; as t) {
              <div class="meta">
                <app-status-chip [status]="t.status" />
                <span class="muted project" [title]="t.project?.name ?? ''">{{ t.project?.name }}</span>
                @if (t.tags?.length) {
                  <span class="tags" [title]="t.tags!.join(', ')">
                    @for (tag of t.tags; track tag) {
                      <span class="tag">{{ tag }}</span>
                    }
                  </span>
                }
              </div>
            } @else {
              <div class="meta muted mono">{{ task.id }}</div>
            }
          } @else {
            <div class="top placeholder">
              <span class="swatch" [style.background]="task.color"></span>
              <app-middle-ellipsis class="name" [text]="task.displayName" />
            </div>
          }
        </div>
      }
    </div>
    <mat-menu #colorMenu="matMenu">
      <ng-template matMenuContent let-taskId="taskId">
        <div class="palette" role="group" aria-label="Task colours">
          @for (color of palette; track color) {
            <button
              type="button"
              class="swatch large"
              [style.background]="color"
              [attr.aria-label]="'Use colour ' + color"
              (click)="colorChange.emit({ taskId, color })"
            ></button>
          }
        </div>
        <button mat-menu-item type="button" (click)="colorChange.emit({ taskId, color: null })">Default colour</button>
      </ng-template>
    </mat-menu>
  `,
  styleUrl: './task-strip.scss',
})
export class TaskStrip {
  readonly tasks = input.required<ComparedTask[]>();
  readonly baseSet = output<string>();
  readonly moved = output<{ from: number; to: number }>();
  readonly removed = output<string>();
  readonly colorChange = output<{ taskId: string; color: string | null }>();
  protected readonly palette = TASK_PALETTE;
  /**
   * At first only the headers a wide screen shows are made; the others (a prefix, so the drop
   * list's indexes stay the tasks' own) once the page is idle, after the tab's content is drawn.
   */
  private readonly allShown = signal(false);
  protected readonly shownTasks = computed(() => (this.allShown() ? this.tasks() : this.tasks().slice(0, FIRST_HEADERS)));
  /** Tasks whose header has come near the visible part of the strip (their controls stay once drawn). */
  protected readonly seen = signal<ReadonlySet<string>>(new Set());
  private observer: IntersectionObserver | null = null;

  constructor() {
    afterNextRender(() => whenIdle(() => this.allShown.set(true)));
  }

  observe(header: HTMLElement): void {
    if (typeof IntersectionObserver === 'undefined') {
      this.markSeen([header]);
      return;
    }
    this.observer ??= new IntersectionObserver(
      (entries) => this.markSeen(entries.filter((e) => e.isIntersecting).map((e) => e.target as HTMLElement)),
      { root: header.parentElement, rootMargin: '0px 400px' },
    );
    this.observer.observe(header);
  }

  unobserve(header: HTMLElement): void {
    this.observer?.unobserve(header);
  }

  private markSeen(headers: HTMLElement[]): void {
    const ids = headers.map((h) => h.dataset['taskId']).filter((id): id is string => !!id && !this.seen().has(id));
    if (ids.length) this.seen.update((seen) => new Set([...seen, ...ids]));
    for (const header of headers) this.observer?.unobserve(header);
  }

  protected onDrop(event: CdkDragDrop<unknown>): void {
    if (event.previousIndex !== event.currentIndex) {
      this.moved.emit({ from: event.previousIndex, to: event.currentIndex });
    }
  }
}
