import { createSelector } from '@ngrx/store';
import { selectViewOption } from '../../../state/compare/compare.feature';
import { MetricPick, ParamRef } from '../shared-axes/hyperparameters-data';
import { parseList, parseMetric, parseParam } from '../shared-axes/hyperparameters-url';
import { Brush } from './parcoords-model';

/** URL query names of the parallel coordinates view. */
export const GRAPH_OPTION = { metrics: 'pcMetrics', params: 'pcParams', showIdentical: 'pcAll', hidden: 'pcHidden', brush: 'pcBrush', order: 'pcOrder' } as const;

export interface ParallelCoordinatesOptions {
  /** null: the default (accuracy/val LAST). */
  metrics: MetricPick[] | null;
  /** null: the default (the parameters that differ). */
  params: ParamRef[] | null;
  hideIdentical: boolean;
  hidden: string[];
  /** Axis filters by dimension id. */
  brushes: Record<string, Brush>;
  /** Axis ids in the order the user dragged them to (axes not listed follow, in their default order). */
  order: string[];
}

export const selectParallelCoordinatesOptions = createSelector(
  selectViewOption(GRAPH_OPTION.metrics),
  selectViewOption(GRAPH_OPTION.params),
  selectViewOption(GRAPH_OPTION.showIdentical),
  selectViewOption(GRAPH_OPTION.hidden),
  selectViewOption(GRAPH_OPTION.brush),
  selectViewOption(GRAPH_OPTION.order),
  (metrics, params, all, hidden, brush, order): ParallelCoordinatesOptions => ({
    metrics: parseList(metrics, parseMetric),
    params: parseList(params, parseParam),
    hideIdentical: all !== '1',
    hidden: parseList(hidden, (id) => id || null) ?? [],
    brushes: parseBrushes(brush),
    order: parseOrder(order),
  }),
);

/** Axis ids, each URI-encoded (ids hold separators), comma-separated. */
export function formatOrder(ids: readonly string[]): string | null {
  return ids.length ? ids.map(encodeURIComponent).join(',') : null;
}

export function parseOrder(value: string | null): string[] {
  const ids: string[] = [];
  for (const entry of value ? value.split(',') : []) {
    try {
      const id = decodeURIComponent(entry);
      if (id && !ids.includes(id)) ids.push(id);
    } catch {
      // A broken entry is skipped; the other axes keep their place.
    }
  }
  return ids;
}

/** Brushes as `dimension:low:high` entries (the id URI-encoded), one entry per range. */
export function formatBrushes(brushes: Readonly<Record<string, Brush>>): string | null {
  const entries = Object.entries(brushes).flatMap(([id, ranges]) => ranges.map(([lo, hi]) => `${encodeURIComponent(id)}:${lo}:${hi}`));
  return entries.length ? entries.join(',') : null;
}

export function parseBrushes(value: string | null): Record<string, Brush> {
  const brushes: Record<string, Brush> = {};
  for (const entry of value ? value.split(',') : []) {
    const [id, lo, hi] = entry.split(':');
    let dim: string;
    try {
      dim = decodeURIComponent(id ?? '');
    } catch {
      continue;
    }
    const range = [Number(lo), Number(hi)];
    if (!dim || lo === undefined || hi === undefined || !range.every(Number.isFinite)) continue;
    brushes[dim] = [...(brushes[dim] ?? []), range as [number, number]];
  }
  return brushes;
}
