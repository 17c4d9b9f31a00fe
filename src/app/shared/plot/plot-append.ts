import { PlotFigure } from './plot-figure';

/** Per-point arrays of a trace that may grow at their end when a running task reports more points. */
const POINT_KEYS = ['x', 'y', 'customdata', 'text', 'hovertext'] as const;

/** The new points of each grown trace, in the shape `Plotly.extendTraces` takes. */
export interface TraceAppend {
  update: Record<string, unknown[][]>;
  indices: number[];
}

/**
 * What `next` adds to `prev` when it differs from it only by points appended at the end of some
 * traces (same traces, same settings, same layout and config, each old point unchanged): the tails
 * to append. Null when the change is anything else, so the caller redraws in place instead; an
 * update with no indices when nothing changed.
 */
export function appendedPoints(prev: PlotFigure, next: PlotFigure): TraceAppend | null {
  if (prev.data.length !== next.data.length || !sameJson(withoutRevision(prev.layout), withoutRevision(next.layout))) return null;
  if (!sameJson(prev.config, next.config)) return null;
  const indices: number[] = [];
  const tails: Partial<Record<(typeof POINT_KEYS)[number], unknown[][]>> = {};
  const grownKeys = new Set<(typeof POINT_KEYS)[number]>();
  const perTrace: Partial<Record<(typeof POINT_KEYS)[number], unknown[]>>[] = [];
  for (let i = 0; i < next.data.length; i++) {
    const a = prev.data[i] as Record<string, unknown>;
    const b = next.data[i] as Record<string, unknown>;
    if (!sameJson(withoutPoints(a), withoutPoints(b))) return null;
    let grownBy: number | null = null;
    const traceTails: Partial<Record<(typeof POINT_KEYS)[number], unknown[]>> = {};
    for (const key of POINT_KEYS) {
      const before = a[key];
      const after = b[key];
      if (before === undefined && after === undefined) continue;
      if (!Array.isArray(before) || !Array.isArray(after) || after.length < before.length) return null;
      if (!isPrefix(before, after)) return null;
      const added = after.length - before.length;
      if (grownBy !== null && added !== grownBy) return null;
      grownBy = added;
      traceTails[key] = after.slice(before.length);
    }
    if (grownBy) {
      indices.push(i);
      perTrace.push(traceTails);
      for (const key of Object.keys(traceTails) as (typeof POINT_KEYS)[number][]) grownKeys.add(key);
    }
  }
  // extendTraces takes one list per key covering every index: grown traces must carry the same keys.
  for (const traceTails of perTrace) {
    for (const key of grownKeys) {
      if (!traceTails[key]) return null;
      (tails[key] ??= []).push(traceTails[key]);
    }
  }
  return { update: tails as Record<string, unknown[][]>, indices };
}

/** A layout without its `datarevision` (it names the data arrays, which appended points change). */
function withoutRevision(layout: PlotFigure['layout']): unknown {
  if (!layout || !('datarevision' in layout)) return layout;
  const rest = { ...layout };
  delete rest.datarevision;
  return rest;
}

function withoutPoints(trace: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...trace };
  for (const key of POINT_KEYS) delete rest[key];
  return rest;
}

function isPrefix(before: readonly unknown[], after: readonly unknown[]): boolean {
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) continue;
    if (typeof a !== 'object' || a === null || !sameJson(a, b)) return false;
  }
  return true;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
