import { createSelector } from '@ngrx/store';
import { selectViewOption } from '../../../state/compare/compare.feature';
import { LogMode } from '../shared-axes/axis';
import { MetricPick, ParamRef } from '../shared-axes/hyperparameters-data';
import { ExtraField, parseExtra, parseList, parseMetric, parseParam } from '../shared-axes/hyperparameters-url';

/** URL query names of the scatter view. */
export const SCATTER_OPTION = { y: 'scY', x: 'scX', log: 'scLog', color: 'scColor', extra: 'scExtra', selected: 'scTask' } as const;

export interface ScatterOptions {
  y: MetricPick | null;
  x: ParamRef | null;
  log: LogMode;
  colorBy: ParamRef | null;
  extras: ExtraField[];
  selected: string | null;
}

export const selectScatterOptions = createSelector(
  selectViewOption(SCATTER_OPTION.y),
  selectViewOption(SCATTER_OPTION.x),
  selectViewOption(SCATTER_OPTION.log),
  selectViewOption(SCATTER_OPTION.color),
  selectViewOption(SCATTER_OPTION.extra),
  selectViewOption(SCATTER_OPTION.selected),
  (y, x, log, color, extra, selected): ScatterOptions => ({
    y: y ? parseMetric(y) : null,
    x: x ? parseParam(x) : null,
    log: log === 'on' || log === 'off' ? log : 'auto',
    colorBy: color ? parseParam(color) : null,
    extras: parseList(extra, parseExtra) ?? [],
    selected: selected || null,
  }),
);
