import { type PlotlyBundle, bundleFor } from '../../shared/plot/plotly-loader';
import type { PlotCard } from './plot-merge';

/** The cards a first screen shows at most (an overlay card is one, a side-by-side card its panels). */
const FIRST_CARDS = 2;

/** The Plotly build that draws every figure of the first cards; null when there is none. */
export function firstCardsBundle(cards: readonly PlotCard[]): PlotlyBundle | null {
  const figures = cards
    .slice(0, FIRST_CARDS)
    .flatMap((card) => (card.kind === 'overlay' ? [card.figure] : card.panels.flatMap((panel) => (panel.figure ? [panel.figure] : []))));
  if (!figures.length) return null;
  return bundleFor(figures.flatMap((figure) => figure.data));
}
