import type { PlotFigure } from '../../shared/plot/plot-figure';
import { Trace, traceType } from './plot-parse';

function matrix(value: unknown): number[][] | null {
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row))) return null;
  return value as number[][];
}

function sameShape(a: unknown[][], b: unknown[][]): boolean {
  return a.length === b.length && a.every((row, i) => row.length === b[i].length);
}

function single(figure: PlotFigure): Trace | null {
  return figure.data.length === 1 ? (figure.data[0] as Trace) : null;
}

/** True when both figures are one heatmap (or one table) of the same shape. */
export function canDiffer(figure: PlotFigure, base: PlotFigure): boolean {
  return differenceFigure(figure, base) !== null;
}

/**
 * The cell-wise difference `figure − base` for a heatmap or table whose shape matches the base's;
 * null when they cannot be compared. Non-numeric table cells are kept as they are.
 */
export function differenceFigure(figure: PlotFigure, base: PlotFigure): PlotFigure | null {
  const a = single(figure);
  const b = single(base);
  if (!a || !b || traceType(a) !== traceType(b)) return null;
  if (traceType(a) === 'heatmap') {
    const za = matrix(a['z']);
    const zb = matrix(b['z']);
    if (!za || !zb || !sameShape(za, zb)) return null;
    const z = za.map((row, i) => row.map((v, j) => (isNum(v) && isNum(zb[i][j]) ? Number(v) - Number(zb[i][j]) : null)));
    const max = Math.max(1e-12, ...z.flat().map((v) => Math.abs(v ?? 0)));
    return {
      ...figure,
      data: [{ ...a, z, colorscale: 'RdBu', reversescale: true, zmin: -max, zmax: max, zmid: 0 } as PlotFigure['data'][number]],
    };
  }
  if (traceType(a) === 'table') {
    const ca = matrix((a['cells'] as { values?: unknown } | undefined)?.values);
    const cb = matrix((b['cells'] as { values?: unknown } | undefined)?.values);
    if (!ca || !cb || !sameShape(ca, cb)) return null;
    const values = ca.map((col, i) => col.map((v, j) => (isNum(v) && isNum(cb[i][j]) ? signed(Number(v) - Number(cb[i][j])) : v)));
    return { ...figure, data: [{ ...a, cells: { ...(a['cells'] as object), values } } as PlotFigure['data'][number]] };
  }
  return null;
}

function isNum(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
}

function signed(v: number): string {
  const text = Number(v.toPrecision(6)).toString();
  return v > 0 ? `+${text}` : text;
}
