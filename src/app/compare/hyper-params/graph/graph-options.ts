import { createSelector } from '@ngrx/store';
import { selectViewOption } from '../../state/compare.feature';
import { MetricPick, ParamRef } from '../shared-axes/hp-data';
import { parseList, parseMetric, parseParam } from '../shared-axes/hp-options';

/** URL query names of the parallel coordinates view. */
export const GRAPH_OPTION = { metrics: 'pcMetrics', params: 'pcParams', showIdentical: 'pcAll', hidden: 'pcHidden' } as const;

export interface GraphOptions {
  /** null: the default (accuracy/val LAST). */
  metrics: MetricPick[] | null;
  /** null: the default (the parameters that differ). */
  params: ParamRef[] | null;
  hideIdentical: boolean;
  hidden: string[];
}

export const selectGraphOptions = createSelector(
  selectViewOption(GRAPH_OPTION.metrics),
  selectViewOption(GRAPH_OPTION.params),
  selectViewOption(GRAPH_OPTION.showIdentical),
  selectViewOption(GRAPH_OPTION.hidden),
  (metrics, params, all, hidden): GraphOptions => ({
    metrics: parseList(metrics, parseMetric),
    params: parseList(params, parseParam),
    hideIdentical: all !== '1',
    hidden: parseList(hidden, (id) => id || null) ?? [],
  }),
);
