import { OptionValues, customOption, selectOptions } from '../../../url/view-options';
import { MetricPick, ParamRef } from '../shared-axes/hyperparameters-data';
import { formatList, formatMetric, formatParam, parseList, parseMetric, parseParam } from '../shared-axes/hyperparameters-url';
import type { Brush } from './parcoords-model';

/** Parallel coordinates' URL options. */
export const PARALLEL_COORDINATES_OPTIONS = {
  /** null: the default (accuracy/val LAST). */
  metrics: customOption(
    'pcMetrics',
    (raw) => parseList(raw, parseMetric),
    (picks: MetricPick[] | null) => (picks === null ? null : formatList(picks, formatMetric)),
  ),
  /** null: the default (the parameters that differ). */
  params: customOption(
    'pcParams',
    (raw) => parseList(raw, parseParam),
    (params: ParamRef[] | null) => (params === null ? null : formatList(params, formatParam)),
  ),
  hideIdentical: customOption(
    'pcAll',
    (raw) => raw !== '1',
    (hide: boolean) => (hide ? null : '1'),
  ),
  hidden: customOption(
    'pcHidden',
    (raw) => parseList(raw, (id) => id || null) ?? [],
    (ids: string[]) => (ids.length ? ids.join(',') : null),
  ),
  /** Axis filters by dimension id. */
  brushes: customOption(
    'pcBrush',
    (raw) => parseBrushes(raw),
    (brushes: Record<string, Brush>) => formatBrushes(brushes),
  ),
  /** Axis ids in the order the user dragged them to (axes not listed follow, in their default order). */
  order: customOption(
    'pcOrder',
    (raw) => parseOrder(raw),
    (ids: string[]) => formatOrder(ids),
  ),
};

export type ParallelCoordinatesOptions = OptionValues<typeof PARALLEL_COORDINATES_OPTIONS>;

export const selectParallelCoordinatesOptions = selectOptions(PARALLEL_COORDINATES_OPTIONS);

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
