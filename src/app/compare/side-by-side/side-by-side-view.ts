import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ComparedTask } from '../../state/compare/compare.feature';
import { ComparisonSection } from './comparison-model';
import { SideBySideGrid } from './side-by-side-grid';
import { ViewOptions, differenceStops, searchMatches, stepStop, visibleItems } from './visible-rows';
import { Toggle } from '../../shared/toggle/toggle';
import { urlText } from '../../shared/url-text/url-text';

const SEARCH_DELAY_MS = 250;

/**
 * The side-by-side cards with their controls: previous / next difference (with a counter and the
 * `n` / `p` keys), hide identical fields, search with next / previous match. Presentational: the
 * options come in and every change goes out as an event.
 */
@Component({
  selector: 'app-side-by-side-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, Toggle, MatTooltipModule, SideBySideGrid],
  templateUrl: './side-by-side-view.html',
  styleUrl: './side-by-side-view.scss',
  host: { '(document:keydown)': 'onKey($event)' },
})
export class SideBySideView {
  readonly tasks = input.required<ComparedTask[]>();
  readonly sections = input.required<ComparisonSection[]>();
  readonly options = input.required<ViewOptions>();
  readonly hideIdenticalChange = output<boolean>();
  readonly searchChange = output<string>();
  readonly sectionToggled = output<string>();
  readonly baseChosen = output<string>();

  private readonly grid = viewChild(SideBySideGrid);

  protected readonly items = computed(() => visibleItems(this.sections(), this.options()));
  protected readonly stops = computed(() => differenceStops(this.items()));
  protected readonly matches = computed(() => searchMatches(this.items(), this.options().search));
  protected readonly matchSet = computed(() => new Set(this.matches()));

  protected readonly currentDiff = linkedSignal<VisibleRowsKey, number | null>({ source: () => this.items(), computation: () => null });
  protected readonly currentMatch = linkedSignal<VisibleRowsKey, number | null>({ source: () => this.items(), computation: () => null });
  protected readonly flash = signal<number | null>(null);
  protected readonly diffCounter = computed(() => counter(this.stops(), this.currentDiff()));
  protected readonly matchCounter = computed(() => counter(this.matches(), this.currentMatch()));

  /** The search box text while typing; it reaches the URL after a short pause (and keys typed meanwhile stay). */
  private readonly search = urlText(() => this.options().search);
  protected readonly searchText = this.search.text;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  private flashTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingMatchStep: 1 | -1 | null = null;
  /** A match step asked for while nothing matched (e.g. long texts still loading): taken when matches appear. */
  private awaitedMatch: 1 | -1 | null = null;

  constructor() {
    effect(() => {
      const found = this.matches().length > 0;
      untracked(() => {
        if (!found || this.awaitedMatch === null) return;
        const direction = this.awaitedMatch;
        this.awaitedMatch = null;
        setTimeout(() => this.stepMatch(direction));
      });
    });
    effect(() => {
      const search = this.options().search;
      untracked(() => {
        if (this.pendingMatchStep === null || search !== this.searchText()) return;
        const direction = this.pendingMatchStep;
        this.pendingMatchStep = null;
        // After the grid has drawn the new rows.
        setTimeout(() => this.stepMatch(direction));
      });
    });
  }

  protected stepDiff(direction: 1 | -1): void {
    const next = stepStop(this.stops(), this.currentDiff(), direction, this.grid()?.firstVisibleIndex() ?? 0);
    this.currentDiff.set(next);
    this.reveal(next);
  }

  protected stepMatch(direction: 1 | -1): void {
    this.awaitedMatch = this.matches().length ? null : direction;
    const next = stepStop(this.matches(), this.currentMatch(), direction, this.grid()?.firstVisibleIndex() ?? 0);
    this.currentMatch.set(next);
    this.reveal(next);
  }

  protected typed(text: string): void {
    this.searchText.set(text);
    this.awaitedMatch = null;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.search.sent(text);
      this.searchChange.emit(text);
      // Typing goes to the first match, as Enter does, once the search comes back through the options.
      this.pendingMatchStep = text.trim() ? 1 : null;
    }, SEARCH_DELAY_MS);
  }

  protected searchKey(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = null;
    if (this.searchText() !== this.options().search) {
      this.search.sent(this.searchText());
      this.searchChange.emit(this.searchText());
      // The matches follow the new search once it comes back through the options.
      this.pendingMatchStep = event.shiftKey ? -1 : 1;
      return;
    }
    this.stepMatch(event.shiftKey ? -1 : 1);
  }

  protected onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === 'n' || event.key === 'j') this.stepDiff(1);
    else if (event.key === 'p' || event.key === 'k' || event.key === 'N') this.stepDiff(-1);
    else return;
    event.preventDefault();
  }

  private reveal(index: number | null): void {
    if (index === null) return;
    this.grid()?.scrollToItem(index);
    this.flash.set(null);
    if (this.flashTimer) clearTimeout(this.flashTimer);
    setTimeout(() => this.flash.set(index));
    this.flashTimer = setTimeout(() => this.flash.set(null), 1300);
  }
}

type VisibleRowsKey = ReturnType<typeof visibleItems>;

function counter(stops: number[], current: number | null): string {
  if (!stops.length) return '0 / 0';
  const at = current === null ? -1 : stops.indexOf(current);
  return `${at === -1 ? '–' : at + 1} / ${stops.length}`;
}
