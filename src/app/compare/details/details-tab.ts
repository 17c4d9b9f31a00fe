import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Store } from '@ngrx/store';
import { CompareViewActions, ComparePageActions } from '../../state/compare/compare.actions';
import { selectComparedTasks } from '../../state/compare/compare.feature';
import { ComparisonSection } from '../side-by-side/comparison-model';
import { SideBySideView } from '../side-by-side/side-by-side-view';
import {
  hideIdenticalPatch,
  rawPatch,
  searchPatch,
  sectionTogglePatch,
  selectSideBySideOptions,
} from '../side-by-side/side-by-side-options';
import { TaskDetailsPageActions } from '../../state/task-details/task-details.actions';
import { selectDetailedTasks, selectDetailsPending, taskDetailsFeature } from '../../state/task-details/task-details.feature';
import { DetailsTexts } from './details-texts';
import { DetailsTextsPageActions } from './state/details-texts.actions';
import { taskModelsFeature } from './state/task-models';
import { Toggle } from '../../shared/toggle/toggle';

/** The Details tab: every compared task's execution, models, artifacts and configuration side by side. */
@Component({
  selector: 'app-details-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, Toggle, SideBySideView],
  template: `
    @if (error(); as message) {
      <p class="message" role="alert"
        >Could not load the task details: {{ message }} <button mat-button type="button" (click)="retry()">Try again</button></p
      >
    } @else if (compareError(); as message) {
      <p class="message" role="alert">Could not compare the tasks: {{ message }}</p>
    } @else if ((pending() && !hasTasks()) || !sections()) {
      <p class="message muted" data-testid="details-loading">{{ pending() ? 'Loading task details…' : 'Comparing…' }}</p>
    } @else {
      @if (textsError(); as message) {
        <p class="message" role="alert" data-testid="details-texts-error"
          >Could not load the long texts: {{ message }} <button mat-button type="button" (click)="retryTexts()">Try again</button></p
        >
      } @else if (textsToCome().waiting.length) {
        <p class="comparing muted" data-testid="details-texts-loading">
          Loading long texts… {{ textsToCome().total - textsToCome().waiting.length }} of {{ textsToCome().total }} tasks</p
        >
      } @else if (comparing()) {
        <p class="comparing muted" data-testid="details-comparing">Comparing…</p>
      }
      <app-side-by-side-view
        [tasks]="tasks()"
        [sections]="sections()!"
        [options]="options()"
        (hideIdenticalChange)="change(hidePatch($event))"
        (searchChange)="change(searchPatch($event))"
        (sectionToggled)="change(togglePatch($event))"
        (baseChosen)="setBase($event)"
      >
        <app-toggle [checked]="options().rawConfig" (changed)="change(rawPatch($event))" label="Configuration as raw text" />
      </app-side-by-side-view>
    }
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .message {
      padding: 16px;
    }
    .comparing {
      position: absolute;
      right: 16px;
      top: -28px;
      margin: 0;
    }
  `,
})
export class DetailsTab {
  private readonly store = inject(Store);
  protected readonly tasks = this.store.selectSignal(selectComparedTasks);
  protected readonly options = this.store.selectSignal(selectSideBySideOptions);
  protected readonly error = this.store.selectSignal(taskDetailsFeature.selectError);
  protected readonly pending = this.store.selectSignal(selectDetailsPending);
  private readonly detailedTasks = this.store.selectSignal(selectDetailedTasks);
  private readonly texts = inject(DetailsTexts);
  protected readonly textsError = this.texts.error;
  /** The compared tasks' long texts still to come (loaded by `state/details-texts.effects.ts`). */
  protected readonly textsToCome = computed(() => {
    const ids = this.detailedTasks()
      .filter((t) => t !== null)
      .map((t) => t.id);
    const loaded = this.texts.loaded();
    return { waiting: ids.filter((id) => !loaded.has(id)), total: ids.length };
  });
  private readonly textsDone = computed(() => this.textsToCome().waiting.length === 0);
  protected readonly hasTasks = computed(() => this.detailedTasks().some((t) => t !== null));
  private readonly rawConfig = computed(() => this.options().rawConfig);
  private readonly models = this.store.selectSignal(taskModelsFeature.selectModelsById);
  /** The comparison, built in a worker when the texts are in; null while the first one is built. */
  protected readonly sections = signal<ComparisonSection[] | null>(null);
  protected readonly comparing = signal(false);
  protected readonly compareError = signal<string | null>(null);

  constructor() {
    // Until every text is in, the cards compare the fields only (quick, and not redone per chunk).
    effect(() => {
      const tasks = this.detailedTasks();
      const rawConfig = this.rawConfig();
      const textsPending = !this.textsDone();
      const models = this.models();
      untracked(() => {
        this.comparing.set(!textsPending);
        this.texts.compare(
          tasks,
          rawConfig,
          textsPending,
          (sections) => {
            this.sections.set(sections);
            this.comparing.set(false);
            this.compareError.set(null);
          },
          (message) => {
            this.comparing.set(false);
            this.compareError.set(message);
          },
          models,
        );
      });
    });
    inject(DestroyRef).onDestroy(() => this.texts.cancel());
  }

  protected readonly hidePatch = hideIdenticalPatch;
  protected readonly searchPatch = searchPatch;
  protected readonly rawPatch = rawPatch;
  protected togglePatch(sectionId: string) {
    return sectionTogglePatch(this.options().collapsed, sectionId);
  }

  protected change(options: Record<string, string | null>): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options }));
  }

  protected setBase(taskId: string): void {
    this.store.dispatch(ComparePageActions.baseTaskSet({ taskId }));
  }

  protected retry(): void {
    this.store.dispatch(TaskDetailsPageActions.retryClicked());
  }

  protected retryTexts(): void {
    this.store.dispatch(DetailsTextsPageActions.retryClicked());
  }
}
