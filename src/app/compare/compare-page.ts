import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, Injector, computed, effect, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Title } from '@angular/platform-browser';
import { RouterLink, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { from, switchMap } from 'rxjs';
import { CopyWithNotice } from '../shared/copy/copy-with-notice';
import { prefetchPlotlyWhenIdle } from '../shared/plot/plotly-loader';
import { COMPARE_TABS, MAX_COMPARED_TASKS, compareUrlCommands } from '../url/compare-url';
import { PAGE_OPTIONS } from '../url/page-options';
import { optionsPatch, withDeclaredOptions } from '../url/view-options';
import { ALL_OPTION_MAPS } from './view-options';
import type { AddTasksDialogData } from './shell/add-tasks-dialog';
import { MiddleEllipsis } from '../shared/middle-ellipsis/middle-ellipsis';
import { TaskStrip } from './shell/task-strip';
import { GroupByControl } from './shell/group-by-control';
import { ComparePageActions, CompareViewActions } from '../state/compare/compare.actions';
import {
  compareFeature,
  selectAnyTaskRunning,
  selectCompareTab,
  selectCompareView,
  selectComparedTaskIds,
  selectShownTaskIds,
  selectComparedTasks,
  selectIdsProblem,
  selectLivePoll,
  selectLiveSettings,
  selectMissingTaskIds,
  selectNothingToShow,
  selectTaskSlots,
  selectUnreadableIds,
} from '../state/compare/compare.feature';
import { Toggle } from '../shared/toggle/toggle';

/** `/compare-tasks;ids=.../<tab>`: the compared tasks, the tabs, and the actions on the comparison. */
@Component({
  selector: 'app-compare-page',
  imports: [
    RouterOutlet,
    RouterLink,
    MatTabsModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    Toggle,
    MatTooltipModule,
    TaskStrip,
    GroupByControl,
    MiddleEllipsis,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './compare-page.html',
  styleUrl: './compare-page.scss',
})
export class ComparePage {
  private readonly store = inject(Store);
  private readonly injector = inject(Injector);
  private readonly copier = inject(CopyWithNotice);
  private readonly document = inject(DOCUMENT);

  protected readonly tabs = COMPARE_TABS;
  protected readonly ids = this.store.selectSignal(selectComparedTaskIds);
  private readonly shownIds = this.store.selectSignal(selectShownTaskIds);
  protected readonly tasks = this.store.selectSignal(selectComparedTasks);
  private readonly slots = this.store.selectSignal(selectTaskSlots);
  protected readonly activeTab = this.store.selectSignal(selectCompareTab);
  private readonly view = this.store.selectSignal(selectCompareView);
  protected readonly openTab = computed(() => this.tabs.find((t) => t.path === this.activeTab()) ?? null);
  /** The views of the open tab (Hyperparameters: values, parallel coordinates, scatter; Scalars: graph and values), as links. */
  protected readonly viewLinks = computed(() => {
    const tab = this.openTab();
    return (tab?.views ?? []).map((view) => {
      const path = `${tab!.path}/${view.path}`;
      return { path, label: view.label, commands: compareUrlCommands(this.ids(), path, this.slots()), active: this.view() === path };
    });
  });
  protected readonly idsProblem = this.store.selectSignal(selectIdsProblem);
  protected readonly unreadableIds = this.store.selectSignal(selectUnreadableIds);
  protected readonly nothingToShow = this.store.selectSignal(selectNothingToShow);
  protected readonly maxTasks = MAX_COMPARED_TASKS;
  protected readonly missingIds = this.store.selectSignal(selectMissingTaskIds);
  protected readonly loadError = this.store.selectSignal(compareFeature.selectError);
  protected readonly live = this.store.selectSignal(selectLiveSettings);
  private readonly poll = this.store.selectSignal(selectLivePoll);
  protected readonly polling = computed(() => this.poll() !== null);
  private readonly anyRunning = this.store.selectSignal(selectAnyTaskRunning);
  protected readonly liveHint = computed(() => {
    const seconds = this.live().intervalMs / 1000;
    if (!this.live().enabled) return 'Auto-refresh is off: the page shows the data as loaded.';
    return this.anyRunning()
      ? `A compared task is running: the page checks for new data every ${seconds} s.`
      : `No compared task is running; the page checks every ${seconds} s while one is.`;
  });
  protected readonly tabLinks = computed(() =>
    this.tabs.map((tab) => ({ ...tab, commands: compareUrlCommands(this.ids(), tab.path, this.slots()) })),
  );

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`Compare ${this.tasks().length} tasks`));
    this.store.dispatch(ComparePageActions.opened());
    // Most visits go on to a chart (Scalars, the scatter plot): Plotly loads while the page is idle.
    inject(DestroyRef).onDestroy(prefetchPlotlyWhenIdle());
  }

  protected changeColor(change: { taskId: string; color: string | null }): void {
    this.store.dispatch(ComparePageActions.taskColorChanged(change));
  }

  protected remove(taskId: string): void {
    this.store.dispatch(ComparePageActions.taskRemoved({ taskId }));
  }

  protected setBase(taskId: string): void {
    this.store.dispatch(ComparePageActions.baseTaskSet({ taskId }));
  }

  protected move(move: { from: number; to: number }): void {
    // The strip leaves out tasks that were not found: its places are turned into places in the link.
    const ids = this.ids();
    const shown = this.tasks();
    const place = (index: number) => (index < shown.length ? ids.indexOf(shown[index].id) : ids.length - 1);
    this.store.dispatch(ComparePageActions.taskMoved({ from: place(move.from), to: place(move.to) }));
  }

  protected removeMissing(): void {
    this.store.dispatch(ComparePageActions.missingTasksRemoved());
  }

  protected keepFirstTasks(): void {
    this.store.dispatch(ComparePageActions.firstTasksKept());
  }

  protected removeUnreadable(): void {
    this.store.dispatch(ComparePageActions.unreadableIdsRemoved());
  }

  protected retry(): void {
    this.store.dispatch(ComparePageActions.retryClicked());
  }

  protected openAddDialog(): void {
    // Tasks the link names but the server did not find are left out: nothing to tick, and APPLY drops them.
    const data: AddTasksDialogData = { comparedIds: this.shownIds() };
    from(import('./shell/add-tasks-dialog'))
      .pipe(switchMap(({ openAddTasksDialog }) => openAddTasksDialog(this.injector, data)))
      .subscribe((taskIds) => {
        if (taskIds?.length) this.store.dispatch(ComparePageActions.tasksApplied({ taskIds }));
      });
  }

  protected setLive(on: boolean): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(PAGE_OPTIONS, { live: on }) }));
  }

  protected share(): void {
    const url = withDeclaredOptions(this.document.location.href, ...ALL_OPTION_MAPS);
    void this.copier.copy(url, { copied: 'Link copied: anyone with it sees this page.', notCopied: 'Copy this link' });
  }
}
