import { choiceOption, customOption, flagOption, numberOption, textOption } from '../../url/view-options';
import { formatKeyList, parseKeyList } from './metric-keys';
import { formatLegendParams, parseLegendParams } from './differing-params';
import { GroupBand } from './group-series';

export type ScalarChartGrouping = 'metric-variant' | 'metric';
export type XAxis = 'iter' | 'relative' | 'wall';
export type HoverMode = 'x' | 'closest';

const TASK_IDS = /^[0-9a-f]{32}$/i;

/** The metric/variants picked in the metric filter (null: all), and the filter's search text: Graph and Values both read them. */
const METRIC_FILTER_OPTIONS = {
  shown: customOption('metrics', parseKeyList, (keys: string[] | null) => (keys === null ? null : formatKeyList(keys))),
  search: textOption('msearch'),
};

/** Scalars › Graph's URL options. */
export const SCALAR_GRAPH_OPTIONS = {
  groupBy: choiceOption<ScalarChartGrouping>('group', ['metric-variant', 'metric'], 'metric-variant', 'a chart per metric and variant'),
  /** Exponential moving average weight, 0 (none) to 0.999. */
  smoothing: numberOption('smooth', 0, 0.999, 0, 'no smoothing'),
  xAxis: choiceOption<XAxis>('x', ['iter', 'relative', 'wall'], 'iter', 'iterations'),
  logY: flagOption('log'),
  hover: choiceOption<HoverMode>('hover', ['x', 'closest'], 'x', 'all tasks at the same x'),
  /** The settings row folded away (more room for the charts); the metric filter stays. */
  settings: choiceOption<'shown' | 'hidden'>('settings', ['shown', 'hidden'], 'shown', 'settings shown'),
  /** Tasks hidden from the charts (legend click). */
  hiddenTasks: customOption(
    'hide',
    (raw) => (raw ?? '').split(',').filter(Boolean),
    (ids: string[]) => (ids.length ? ids.join(',') : null),
    { test: (raw) => raw.split(',').every((id) => TASK_IDS.test(id.trim())), fallback: 'all tasks shown' },
  ),
  /** The hyperparameters the legend shows (null: chosen automatically, most varying first). */
  legendParams: customOption('lparams', parseLegendParams, formatLegendParams),
  /** With grouping on: the spread drawn around each group's mean. */
  band: choiceOption<GroupBand>('band', ['std', 'minmax', 'ci'], 'std', '± one standard deviation'),
  /** With grouping on: the fewest tasks with values at an x for the group's mean to be drawn there. */
  minCount: numberOption('gmin', 1, 100, 2, 'at least two tasks'),
  /** With grouping on: each group's tasks drawn as thin lines under its mean. */
  members: flagOption('members'),
  ...METRIC_FILTER_OPTIONS,
};

/** A zoomed chart's x window, and the x axis it was made in (it applies only there). */
export interface UrlZoom {
  xAxis: XAxis;
  range: [number, number];
}

/** `zoom=<x axis>:<chart key>:<from>:<to>,...` (chart keys hold ':' but never ','). */
export function parseZooms(raw: string | null): Record<string, UrlZoom> {
  const zooms: Record<string, UrlZoom> = {};
  for (const entry of (raw ?? '').split(',')) {
    const parts = entry.split(':');
    if (parts.length < 4) continue;
    const xAxis = parts[0] as XAxis;
    const range = parts.slice(-2).map(Number) as [number, number];
    const chartKey = parts.slice(1, -2).join(':');
    if (!['iter', 'relative', 'wall'].includes(xAxis) || !chartKey || !range.every(Number.isFinite) || range[0] > range[1]) continue;
    zooms[chartKey] = { xAxis, range };
  }
  return zooms;
}

export function formatZooms(zooms: Readonly<Record<string, UrlZoom>>): string | null {
  const entries = Object.entries(zooms).map(([chartKey, { xAxis, range }]) => `${xAxis}:${chartKey}:${range[0]}:${range[1]}`);
  return entries.length ? entries.sort().join(',') : null;
}

/** Scalars › Graph's zoomed charts, and the one chart an embed draws. */
export const SCALAR_CHART_OPTIONS = {
  zoom: customOption('zoom', parseZooms, formatZooms),
  chart: customOption(
    'chart',
    (raw) => raw,
    (key: string | null) => key,
  ),
};

/** Scalars › Last, Min and Max values' URL options. */
export const SCALAR_VALUES_OPTIONS = {
  extremes: flagOption('extremes'),
  delta: flagOption('diff'),
  /** With groups: the confidence level differences from the base group are judged at. */
  level: choiceOption<'90' | '95' | '99'>('level', ['90', '95', '99'], '95', '95%'),
  ...METRIC_FILTER_OPTIONS,
};
