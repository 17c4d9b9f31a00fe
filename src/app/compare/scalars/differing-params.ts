import { Task } from '../../core/api/models';
import { naturalCompare } from '../../shared/natural-order';

/** Characters of parameter text a legend entry holds when nothing is picked: parameters are added, most varying first, while they fit. */
export const LEGEND_PARAMS_CHARS = 60;
const MAX_VALUE_LENGTH = 24;

/** A hyperparameter by section and name; `id` is `section/name` (as the URL names it). */
export interface ParamKey {
  id: string;
  section: string;
  name: string;
  /** The name alone, or `section/name` when two sections share the name. */
  label: string;
}

const valueOf = (task: Task, section: string, name: string) => task.hyperparams?.[section]?.[name]?.value ?? '';

function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

/**
 * How much a parameter varies between the tasks, for ranking: the number of distinct values first
 * (a missing value counts as one), then the spread relative to the magnitude, (max − min) / max(|max|, |min|),
 * for numbers (0 to 1), text values counting as wholly different (1).
 */
export function paramVariation(values: readonly string[]): { distinct: number; spread: number } {
  const distinct = new Set(values).size;
  const present = values.filter((v) => v !== '');
  if (distinct < 2 || !present.length || !present.every(isNumber)) return { distinct, spread: distinct < 2 ? 0 : 1 };
  const numbers = present.map(Number);
  const max = Math.max(...numbers);
  const min = Math.min(...numbers);
  const magnitude = Math.max(Math.abs(max), Math.abs(min));
  return { distinct, spread: magnitude === 0 ? 0 : Math.min(1, (max - min) / magnitude) };
}

/** Every hyperparameter any task has, labelled (section-qualified when names clash). */
export function allParams(tasks: readonly Task[]): ParamKey[] {
  const keys = new Map<string, { section: string; name: string }>();
  for (const task of tasks) {
    for (const [section, params] of Object.entries(task.hyperparams ?? {})) {
      for (const name of Object.keys(params ?? {})) keys.set(`${section}/${name}`, { section, name });
    }
  }
  const nameCounts = new Map<string, number>();
  for (const { name } of keys.values()) nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);
  return [...keys.entries()].map(([id, { section, name }]) => ({ id, section, name, label: (nameCounts.get(name) ?? 0) > 1 ? id : name }));
}

/** The parameters whose values differ between the tasks, the most varying first (ties by name). */
export function rankDifferingParams(tasks: readonly Task[]): ParamKey[] {
  return allParams(tasks)
    .map((key) => ({ key, variation: paramVariation(tasks.map((t) => valueOf(t, key.section, key.name))) }))
    .filter(({ variation }) => variation.distinct > 1)
    .sort(
      (a, b) =>
        b.variation.distinct - a.variation.distinct || b.variation.spread - a.variation.spread || naturalCompare(a.key.id, b.key.id),
    )
    .map(({ key }) => key);
}

function shortValue(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value || '–';
}

/**
 * For each task, the hyperparameters that tell it apart, as short text for legends and hover
 * (`lr=0.01, optimizer=adam`). `picked` (parameter ids, null: automatic) names the parameters to
 * show, in that order; automatically, the ones that vary most between the tasks come first, as many
 * as fit in `LEGEND_PARAMS_CHARS` (at least one). Long values are cut.
 */
export function differingParams(tasks: readonly Task[], picked: readonly string[] | null = null): Map<string, string> {
  const known = new Map(allParams(tasks).map((key) => [key.id, key]));
  const shown = picked ? picked.map((id) => known.get(id)).filter((key): key is ParamKey => !!key) : autoLegendParams(tasks);
  return new Map(
    tasks.map((task) => [task.id, shown.map((key) => `${key.label}=${shortValue(valueOf(task, key.section, key.name))}`).join(', ')]),
  );
}

/** The parameters the legend shows unless some are picked: the most varying, while they fit its room for every task. */
export function autoLegendParams(tasks: readonly Task[]): ParamKey[] {
  const ranked = rankDifferingParams(tasks);
  const shown: ParamKey[] = [];
  const lengths = tasks.map(() => 0);
  for (const key of ranked) {
    const next = tasks.map(
      (task, i) => lengths[i] + (shown.length ? 2 : 0) + `${key.label}=${shortValue(valueOf(task, key.section, key.name))}`.length,
    );
    if (shown.length && next.some((length) => length > LEGEND_PARAMS_CHARS)) break;
    shown.push(key);
    next.forEach((length, i) => (lengths[i] = length));
  }
  return shown;
}

/** Every parameter as the legend's picker lists it: the differing ones, most varying first, then the others by name. */
export function legendParamChoices(tasks: readonly Task[]): ParamKey[] {
  const ranked = rankDifferingParams(tasks);
  const differing = new Set(ranked.map((key) => key.id));
  return [
    ...ranked,
    ...allParams(tasks)
      .filter((key) => !differing.has(key.id))
      .sort((a, b) => naturalCompare(a.id, b.id)),
  ];
}

/** The URL value of picked legend parameters (`Args/lr|Args/optimizer`); null: automatic. */
export function formatLegendParams(picked: readonly string[] | null): string | null {
  return picked === null ? null : picked.length ? picked.join('|') : '|';
}

export function parseLegendParams(value: string | null): string[] | null {
  if (value === null) return null;
  return value
    .split('|')
    .map((id) => id.trim())
    .filter(Boolean);
}
