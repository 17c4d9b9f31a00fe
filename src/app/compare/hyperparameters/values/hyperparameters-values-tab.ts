import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Store } from '@ngrx/store';
import { CompareViewActions, ComparePageActions } from '../../../state/compare/compare.actions';
import { selectComparedTasks } from '../../../state/compare/compare.feature';
import { alignSection } from '../../side-by-side/comparison-model';
import { SideBySideView } from '../../side-by-side/side-by-side-view';
import { hideIdenticalPatch, searchPatch, sectionTogglePatch, selectSideBySideOptions } from '../../side-by-side/side-by-side-options';
import { HyperparametersPageActions } from '../state/hyperparameters.actions';
import { hyperparametersFeature, selectHyperparameterFullTasks, selectHyperparametersPending } from '../state/hyperparameters.feature';
import { hyperparameterSections } from './hyperparameter-sections';

/** Hyperparameters → Values: every compared task's hyperparameters side by side, section → name → value. */
@Component({
  selector: 'app-hyperparameters-values-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, SideBySideView],
  template: `
    @if (error(); as message) {
      <p class="message" role="alert"
        >Could not load the hyperparameters: {{ message }} <button mat-button type="button" (click)="retry()">Try again</button></p
      >
    } @else if (pending() && !hasTasks()) {
      <p class="message muted">Loading task details…</p>
    } @else {
      <app-side-by-side-view
        [tasks]="tasks()"
        [sections]="sections()"
        [options]="options()"
        (hideIdenticalChange)="change(hidePatch($event))"
        (searchChange)="change(searchPatch($event))"
        (sectionToggled)="change(togglePatch($event))"
        (baseChosen)="setBase($event)"
      >
      </app-side-by-side-view>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .message {
      padding: 16px;
    }
  `,
})
export class HyperparametersValuesTab {
  private readonly store = inject(Store);
  protected readonly tasks = this.store.selectSignal(selectComparedTasks);
  protected readonly options = this.store.selectSignal(selectSideBySideOptions);
  protected readonly error = this.store.selectSignal(hyperparametersFeature.selectError);
  protected readonly pending = this.store.selectSignal(selectHyperparametersPending);
  private readonly detailedTasks = this.store.selectSignal(selectHyperparameterFullTasks);
  protected readonly hasTasks = computed(() => this.detailedTasks().some((t) => t !== null));
  protected readonly sections = computed(() => hyperparameterSections(this.detailedTasks()).map(alignSection));

  protected readonly hidePatch = hideIdenticalPatch;
  protected readonly searchPatch = searchPatch;
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
    this.store.dispatch(HyperparametersPageActions.retryClicked());
  }
}
