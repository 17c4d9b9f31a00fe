import { MetricPick, ParamRef, VALUE_TYPES, ValueType } from './hyperparameters-data';

/** The URL value of an explicitly empty list (absent means "the default"). */
export const NONE = '-';
const SEP = ':';

const dec = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
};

export function formatMetric(m: MetricPick): string {
  return [encodeURIComponent(m.metric), encodeURIComponent(m.variant), m.type].join(SEP);
}

export function parseMetric(text: string): MetricPick | null {
  const [metric, variant, type] = text.split(SEP);
  const m = metric === undefined ? null : dec(metric);
  const v = variant === undefined ? null : dec(variant);
  if (m === null || v === null || !VALUE_TYPES.includes(type as ValueType)) return null;
  return { metric: m, variant: v, type: type as ValueType };
}

export function formatParam(p: ParamRef): string {
  return `${encodeURIComponent(p.section)}${SEP}${encodeURIComponent(p.name)}`;
}

export function parseParam(text: string): ParamRef | null {
  const parts = text.split(SEP);
  if (parts.length !== 2) return null;
  const section = dec(parts[0]);
  const name = dec(parts[1]);
  return section === null || name === null || name === '' ? null : { section, name };
}

/** A list option: null when absent (use the default), [] when explicitly empty. */
export function parseList<T>(value: string | null, parse: (item: string) => T | null): T[] | null {
  if (value === null) return null;
  if (value === NONE || value === '') return [];
  return value
    .split(',')
    .map(parse)
    .filter((v): v is T => v !== null);
}

export function formatList<T>(items: readonly T[], format: (item: T) => string): string {
  return items.length ? items.map(format).join(',') : NONE;
}

/** An extra hover field of the scatter plot: a parameter or a metric value. */
export type ExtraField = { kind: 'param'; param: ParamRef } | { kind: 'metric'; metric: MetricPick };

export function formatExtra(e: ExtraField): string {
  return e.kind === 'param' ? `p${SEP}${formatParam(e.param)}` : `m${SEP}${formatMetric(e.metric)}`;
}

export function parseExtra(text: string): ExtraField | null {
  const rest = text.slice(2);
  if (text.startsWith(`p${SEP}`)) {
    const param = parseParam(rest);
    return param && { kind: 'param', param };
  }
  if (text.startsWith(`m${SEP}`)) {
    const metric = parseMetric(rest);
    return metric && { kind: 'metric', metric };
  }
  return null;
}
