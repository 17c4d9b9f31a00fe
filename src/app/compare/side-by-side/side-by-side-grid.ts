import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { MiddleEllipsis } from '../../shared/middle-ellipsis/middle-ellipsis';
import { StatusChip } from '../../shared/status-chip';
import { ComparedTask } from '../../state/compare/compare.feature';
import { ComparisonRow, cellAt } from './comparison-model';
import { VisibleItem } from './visible-rows';

export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 52;
/** The field column's width at least, and at most (it takes a sixth of a wide view). */
export const LABEL_WIDTH = 240;
const LABEL_MAX_WIDTH = 360;
/** A card's width at least; with few tasks the cards share the view's width, up to the most. */
export const CARD_WIDTH = 300;
const CARD_MAX_WIDTH = 960;
/** Rows and cards drawn beyond the visible area on each side. */
const OVERSCAN = 8;

/**
 * The cards side by side: a sticky header per task, a sticky label column, and only the rows and
 * cards in view drawn (both directions are virtual, so 100 tasks × 10,000 rows stay light).
 */
@Component({
  selector: 'app-side-by-side-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, MatTooltipModule, StatusChip, MiddleEllipsis],
  templateUrl: './side-by-side-grid.html',
  styleUrl: './side-by-side-grid.scss',
})
export class SideBySideGrid {
  readonly tasks = input.required<ComparedTask[]>();
  readonly items = input.required<VisibleItem[]>();
  readonly matches = input<ReadonlySet<number>>(new Set());
  readonly current = input<number | null>(null);
  readonly flash = input<number | null>(null);
  readonly sectionToggled = output<string>();
  readonly baseChosen = output<string>();

  protected readonly rowHeight = ROW_HEIGHT;
  protected readonly headerHeight = HEADER_HEIGHT;
  protected readonly cellOf = (row: ComparisonRow, task: number) => cellAt(row, task);

  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  /**
   * The viewport's scroll position and size. Until it is laid out, the window's size (at least as
   * large): the first pass draws every row in view without reading the layout, which would force
   * it in the middle of the render; the ResizeObserver's first report then gives the real size.
   */
  private readonly scroll = signal({
    top: 0,
    left: 0,
    width: typeof innerWidth === 'number' && innerWidth > 0 ? innerWidth : 1200,
    height: typeof innerHeight === 'number' && innerHeight > 0 ? innerHeight : 600,
  });

  /** The field column: wider in a wide view. */
  protected readonly labelWidth = computed(() => Math.round(Math.min(LABEL_MAX_WIDTH, Math.max(LABEL_WIDTH, this.scroll().width / 6))));
  /** The cards fill the view's width when they can (a wide window is not left a third empty), and scroll past it when not. */
  protected readonly cardWidth = computed(() => {
    const room = (this.scroll().width - this.labelWidth()) / Math.max(1, this.tasks().length);
    return Math.floor(Math.min(CARD_MAX_WIDTH, Math.max(CARD_WIDTH, room)));
  });
  protected readonly canvasWidth = computed(() => this.labelWidth() + this.tasks().length * this.cardWidth());
  protected readonly canvasHeight = computed(() => HEADER_HEIGHT + this.items().length * ROW_HEIGHT);

  protected readonly rowRange = computed(() => {
    const { top, height } = this.scroll();
    const start = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const end = Math.min(this.items().length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    return { start, end };
  });
  protected readonly visibleRows = computed(() => {
    const { start, end } = this.rowRange();
    return this.items()
      .slice(start, end)
      .map((item, i) => ({ item, index: start + i }));
  });
  protected readonly visibleCards = computed(() => {
    const { left, width } = this.scroll();
    const card = this.cardWidth();
    const first = Math.max(0, Math.floor(left / card) - 1);
    const last = Math.min(this.tasks().length, Math.ceil((left + width - this.labelWidth()) / card) + 1);
    const out: number[] = [];
    for (let c = first; c < last; c++) out.push(c);
    return out;
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.viewport().nativeElement;
      const measure = () =>
        this.scroll.set({ top: element.scrollTop, left: element.scrollLeft, width: element.clientWidth, height: element.clientHeight });
      // Reports once the viewport is laid out, then on every resize.
      const observer = new ResizeObserver(measure);
      observer.observe(element);
      element.addEventListener('scroll', measure, { passive: true });
      destroyRef.onDestroy(() => {
        observer.disconnect();
        element.removeEventListener('scroll', measure);
      });
    });
  }

  /** Scrolls a row into the middle of the view, unless it is already well in view. */
  scrollToItem(index: number): void {
    const element = this.viewport().nativeElement;
    const top = index * ROW_HEIGHT;
    const viewTop = element.scrollTop;
    const viewHeight = element.clientHeight - HEADER_HEIGHT;
    if (top >= viewTop + ROW_HEIGHT && top + ROW_HEIGHT <= viewTop + viewHeight - ROW_HEIGHT) return;
    element.scrollTop = Math.max(0, top - viewHeight / 2);
  }

  /** The index of the first row in view (where "next" starts when nothing is selected). */
  firstVisibleIndex(): number {
    return Math.floor(this.viewport().nativeElement.scrollTop / ROW_HEIGHT);
  }
}
