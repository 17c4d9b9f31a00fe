import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { Store } from '@ngrx/store';
import { CompareViewActions } from '../../state/compare/compare.actions';
import { selectQueryParams } from '../../url/router-state';
import { embedPath, embedQuery } from '../../url/embed-url';
import { selectComparedTasks, selectEmbedded, selectTaskSlots } from '../../state/compare/compare.feature';
import { optionsPatch, selectOptions } from '../../url/view-options';
import { SummaryChart } from '../summary/summary-chart';
import { EmbedButton } from '../../shared/embed/embed-button';
import { LazyPlot } from './lazy-plot';
import { PlotGrouping, PlotTask, buildCards, cardPieces, firstPieces, indexPlots, plotKeys } from './plot-merge';
import { PLOTS_OPTIONS, formatSelection, searchKeys } from './plots-options';
import { drawnInSteps } from '../../shared/progressive/progressive';
import { Toggle } from '../../shared/toggle/toggle';
import { plotsFeature } from './state/plots.feature';
import { loadPlotly } from '../../shared/plot/plotly-loader';
import { firstCardsBundle } from './plot-bundle';
import { TaskSwatch } from '../../shared/task-swatch';
import { urlText } from '../../shared/url-text/url-text';

/** The Plots tab: Summary chart, a searchable list of plots to show, and the overlaid or per-task charts. */
@Component({
  selector: 'app-plots-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SummaryChart, LazyPlot, EmbedButton, MatButtonToggleModule, MatCheckboxModule, Toggle, TaskSwatch],
  templateUrl: './plots-tab.html',
  styleUrl: './plots-tab.scss',
})
export class PlotsTab {
  private readonly store = inject(Store);
  private readonly compared = this.store.selectSignal(selectComparedTasks);
  private readonly taskIds = computed(() => this.compared().map((t) => t.id), { equal: (a, b) => a.join() === b.join() });
  protected readonly tasks = computed<PlotTask[]>(() =>
    this.compared().map((t) => ({ id: t.id, name: t.displayName, color: t.color, isBase: t.isBase, dash: t.dash, symbol: t.symbol })),
  );
  private readonly options = this.store.selectSignal(selectOptions(PLOTS_OPTIONS));
  protected readonly groupBy = computed(() => this.options().groupBy);
  protected readonly difference = computed(() => this.options().difference);
  /** The search box's text: the URL's search, and keys typed while it takes the last ones in. */
  private readonly searchBox = urlText(() => this.options().search);
  protected readonly search = this.searchBox.text;

  /** The plots' pages, loaded by `plots.effects.ts` while this tab is open. */
  protected readonly pages = this.store.selectSignal(plotsFeature.selectComparedPlotsState);

  protected readonly index = computed(() => indexPlots(this.pages().value ?? []));
  protected readonly allKeys = computed(() => plotKeys(this.index()));
  /** The plots are in and there are none. */
  protected readonly noPlots = computed(() => !!this.pages().value && !this.pages().error && !this.allKeys().length);
  protected readonly selected = computed(() => this.options().selected ?? this.allKeys());
  protected readonly listed = computed(() => searchKeys(this.allKeys(), this.search()));
  protected readonly shownKeys = computed(() => {
    const selected = new Set(this.selected());
    const listed = new Set(this.listed());
    return this.allKeys().filter((k) => selected.has(k) && listed.has(k));
  });
  /** On an `/embed` URL only the card named by `plot` is drawn, without the list and settings. */
  protected readonly embedded = this.store.selectSignal(selectEmbedded);
  protected readonly embeddedPlotKey = computed(() => this.options().plot);
  protected readonly cards = computed(() => {
    if (!this.embedded()) return buildCards(this.index(), this.shownKeys(), this.tasks(), this.groupBy(), this.difference());
    const all = buildCards(this.index(), this.allKeys(), this.tasks(), this.groupBy(), this.difference());
    return all.filter((card) => card.key === this.embeddedPlotKey());
  });
  /**
   * The cards drawn in steps, a screenful of panels first: 100 tasks' side-by-side cards hold 1,000
   * panels, whose making in one task took about 250 ms. Panels already drawn stay when the cards
   * change in place (live updates).
   */
  private readonly pieces = computed(() => cardPieces(this.cards()));
  private readonly drawnPieces = drawnInSteps(this.pieces, 24, 100, { keep: true });
  protected readonly drawnCards = computed(() => firstPieces(this.cards(), this.drawnPieces().length));
  private readonly firstBundle = computed(() => firstCardsBundle(this.cards()));
  private readonly query = this.store.selectSignal(selectQueryParams);
  private readonly slots = this.store.selectSignal(selectTaskSlots);
  protected readonly embedPaths = computed(() => {
    if (this.embedded()) return new Map<string, string>();
    return new Map(
      this.cards().map((card) => [
        card.key,
        embedPath(
          this.taskIds(),
          'metrics-plots',
          embedQuery(this.query(), PLOTS_OPTIONS),
          { ...optionsPatch(PLOTS_OPTIONS, { plot: card.key, selected: null, search: '' }) },
          this.slots(),
        ),
      ]),
    );
  });

  constructor() {
    // The Plotly build the first cards draw with, asked for as soon as the plots are known: it
    // loads while the page lays the cards out, rather than once a card has been found in view.
    effect(() => {
      const bundle = this.firstBundle();
      if (bundle) untracked(() => void loadPlotly(bundle).catch(() => undefined));
    });
  }

  protected isSelected(key: string): boolean {
    return this.selected().includes(key);
  }

  protected toggle(key: string, on: boolean): void {
    const current = this.selected().filter((k) => k !== key);
    this.setSelection(on ? [...current, key] : current);
  }

  protected selectListed(on: boolean): void {
    const listed = new Set(this.listed());
    const rest = this.selected().filter((k) => !listed.has(k));
    this.setSelection(on ? [...rest, ...listed] : rest);
  }

  private setSelection(keys: string[]): void {
    this.store.dispatch(
      CompareViewActions.optionsChanged({ options: { [PLOTS_OPTIONS.selected.name]: formatSelection(keys, this.allKeys()) } }),
    );
  }

  protected setSearch(text: string): void {
    this.search.set(text);
    this.searchBox.sent(text);
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(PLOTS_OPTIONS, { search: text }) }));
  }

  protected setGroupBy(value: PlotGrouping): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(PLOTS_OPTIONS, { groupBy: value }) }));
  }

  protected setDifference(on: boolean): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(PLOTS_OPTIONS, { difference: on }) }));
  }
}
