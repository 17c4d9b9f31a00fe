import { choiceOption, customOption } from '../../url/view-options';

/** How the compared tasks are grouped: not at all, by every hyperparameter except seed-like ones, or by chosen ones. */
export type GroupMode = 'none' | 'all' | 'params';

/** Parameter ids (`section/name`) as the URL holds them: `Args/lr|Args/optimizer`; absent: none. */
export function parseParamIds(raw: string | null): string[] {
  return [
    ...new Set(
      (raw ?? '')
        .split('|')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

export function formatParamIds(ids: readonly string[]): string | null {
  return ids.length ? ids.join('|') : null;
}

/**
 * Grouping of the compare page, kept on every view that draws groups: `groupby=all` (every
 * hyperparameter but the seed-like ones and those in `gignore`) or `groupby=params` (those in
 * `gparams`). Tasks with equal values of the grouping parameters form a group.
 */
export const GROUP_OPTIONS = {
  mode: choiceOption<GroupMode>('groupby', ['none', 'all', 'params'], 'none', 'no groups'),
  /** The parameters grouped by when `groupby=params`. */
  params: customOption('gparams', parseParamIds, formatParamIds),
  /** Parameters left out of `groupby=all` besides the seed-like ones. */
  ignored: customOption('gignore', parseParamIds, formatParamIds),
};
