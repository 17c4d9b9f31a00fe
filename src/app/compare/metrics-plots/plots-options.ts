import { choiceOption, customOption, flagOption, textOption } from '../../url/view-options';
import type { PlotGrouping } from './plot-merge';

/** The selected plot keys from the URL value (null = all plots). Keys are joined with a newline-free separator. */
export function parseSelection(value: string | null): string[] | null {
  if (value === null) return null;
  if (value === '') return [];
  return value
    .split('|')
    .map((k) => k.trim())
    .filter(Boolean);
}

/** The URL value of an empty selection: a lone separator (an empty value would remove the option, showing all). */
export const NO_PLOTS = '|';

export function formatSelection(selected: readonly string[] | null, all: readonly string[]): string | null {
  if (selected === null) return null;
  const known = all.filter((k) => selected.includes(k));
  if (known.length === all.length) return null;
  return known.length ? known.join('|') : NO_PLOTS;
}

/** Keys matching a case-insensitive search (every word must appear). */
export function searchKeys(keys: readonly string[], search: string): string[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return keys.filter((k) => words.every((w) => k.toLowerCase().includes(w)));
}

/** The Plots tab's URL options (query names kept as shared links hold them). */
export const PLOTS_OPTIONS = {
  /** The plots ticked in the list (null: all). */
  selected: customOption('plots', parseSelection, (keys: string[] | null) =>
    keys === null ? null : keys.length ? keys.join('|') : NO_PLOTS,
  ),
  groupBy: choiceOption<PlotGrouping>('plotsGroup', ['variant', 'metric'], 'variant', 'grouped by variant'),
  difference: flagOption('plotsDiff'),
  /** The list's search text: only matching plots are listed and drawn. */
  search: textOption('plotsSearch'),
  /** On an embed: the one card drawn. */
  plot: customOption(
    'plot',
    (raw) => raw,
    (key: string | null) => key,
  ),
};
