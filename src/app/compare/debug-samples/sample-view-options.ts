import { OptionValues, UrlOption, customOption, flagOption } from '../../url/view-options';

/**
 * The debug-sample view as URL query options, and the option changes each user action makes.
 *
 * - `metric`: the metric every column shows (absent: All); `iter`: the iteration every column goes
 *   to (absent: each column's newest); `sync=1`: columns move together.
 * - `cols`: per-column choices made with sync off, `<taskId>:<iter>:<metric>` joined by commas;
 *   `<iter>` is empty (the shared one), `newest` or a number; `<metric>` is empty (the shared one),
 *   `*` (All) or `=` followed by the URI-encoded metric.
 * - `sample`: the sample open in the viewer, `<taskId>:<iter>:<metric>:<variant>` (URI-encoded).
 */

export interface ColumnChoice {
  /** null: the shared iteration; 'newest' or a number: this column's own. */
  iter: number | 'newest' | null;
  /** undefined: the shared metric; null: All; a string: that metric. */
  metric?: string | null;
}

export interface OpenSample {
  task: string;
  iter: number;
  metric: string;
  variant: string;
}

export interface SampleViewOptions {
  metric: string | null;
  iter: number | null;
  sync: boolean;
  columns: Record<string, ColumnChoice>;
  sample: OpenSample | null;
  /** An embedded sample follows its variant's newest iteration as the task reports (`follow=1`). */
  follow: boolean;
}

/** Query option names, so a tab reads exactly the options it writes. */
export const SAMPLE_OPTION_NAMES = ['metric', 'iter', 'sync', 'cols', 'sample', 'follow'] as const;
export type SampleOptionName = (typeof SAMPLE_OPTION_NAMES)[number];

const raw = (name: SampleOptionName, check?: UrlOption<string | null>['check']) =>
  customOption(
    name,
    (value) => value,
    (value: string | null) => value,
    check,
  );

/**
 * Debug samples' URL options, as written (`parseSampleOptions` reads them together: `cols` depends
 * on `sync`). The user actions below return patches by these keys; one effect writes them to the
 * URL through this map (`writeSampleOptions`).
 */
export const SAMPLE_OPTIONS = {
  metric: raw('metric'),
  iter: raw('iter', { test: (value) => /^-?\d{1,15}$/.test(value.trim()), fallback: 'the newest' }),
  sync: raw('sync', flagOption('sync').check),
  cols: raw('cols'),
  sample: raw('sample'),
  follow: raw('follow', flagOption('follow').check),
} satisfies Record<SampleOptionName, UrlOption<string | null>>;

/** A change of Debug samples' options, by the keys of `SAMPLE_OPTIONS` (null: back to the default). */
export type ViewOptionPatch = Partial<OptionValues<typeof SAMPLE_OPTIONS>>;

function parseInteger(value: string | null | undefined): number | null {
  if (value == null || !/^-?\d{1,12}$/.test(value.trim())) return null;
  return Number(value.trim());
}

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function parseColumns(value: string | null | undefined): Record<string, ColumnChoice> {
  const columns: Record<string, ColumnChoice> = {};
  for (const entry of (value ?? '').split(',')) {
    const parts = entry.split(':');
    if (parts.length !== 3 || !parts[0]) continue;
    const [task, iterPart, metricPart] = parts;
    const iter = iterPart === 'newest' ? 'newest' : parseInteger(iterPart);
    const choice: ColumnChoice = { iter };
    if (metricPart === '*') choice.metric = null;
    else if (metricPart.startsWith('=')) {
      const metric = decode(metricPart.slice(1));
      if (metric !== null) choice.metric = metric;
    }
    if (choice.iter !== null || choice.metric !== undefined) columns[task] = choice;
  }
  return columns;
}

export function formatColumns(columns: Record<string, ColumnChoice>): string | null {
  const entries = Object.entries(columns)
    .filter(([, c]) => c.iter !== null || c.metric !== undefined)
    .map(([task, c]) => {
      const metric = c.metric === undefined ? '' : c.metric === null ? '*' : `=${encodeURIComponent(c.metric)}`;
      return `${task}:${c.iter ?? ''}:${metric}`;
    });
  return entries.length ? entries.join(',') : null;
}

export function parseSample(value: string | null): OpenSample | null {
  const parts = (value ?? '').split(':');
  if (parts.length !== 4 || !parts[0]) return null;
  const iter = parseInteger(parts[1]);
  const metric = decode(parts[2]);
  const variant = decode(parts[3]);
  return iter === null || metric === null || variant === null ? null : { task: parts[0], iter, metric, variant };
}

export function formatSample(sample: OpenSample | null): string | null {
  if (!sample) return null;
  return [sample.task, sample.iter, encodeURIComponent(sample.metric), encodeURIComponent(sample.variant)].join(':');
}

/** The typed options from the raw values `SAMPLE_OPTIONS` read (`cols` counts only with sync off). */
export function parseSampleOptions(raw: Partial<OptionValues<typeof SAMPLE_OPTIONS>>): SampleViewOptions {
  const sync = raw.sync === '1' || raw.sync === 'true';
  return {
    metric: raw.metric ? raw.metric : null,
    iter: parseInteger(raw.iter),
    sync,
    columns: sync ? {} : parseColumns(raw.cols ?? null),
    sample: parseSample(raw.sample ?? null),
    follow: raw.follow === '1' || raw.follow === 'true',
  };
}

/** The metric (null: All) and target iteration (null: newest) of one column. */
export function columnTarget(options: SampleViewOptions, taskId: string): { metric: string | null; iter: number | null } {
  const choice = options.columns[taskId];
  const metric = choice && choice.metric !== undefined ? choice.metric : options.metric;
  const iter = !choice || choice.iter === null ? options.iter : choice.iter === 'newest' ? null : choice.iter;
  return { metric, iter };
}

function withColumn(options: SampleViewOptions, taskId: string, change: Partial<ColumnChoice>): ViewOptionPatch {
  const current = options.columns[taskId] ?? { iter: null };
  const next: ColumnChoice = { ...current, ...change };
  if (next.metric !== undefined && next.metric === options.metric) delete next.metric;
  return { cols: formatColumns({ ...options.columns, [taskId]: next }) };
}

/** A metric picked in one column: with sync, for every column. */
export function metricChosen(options: SampleViewOptions, taskId: string, metric: string | null): ViewOptionPatch {
  if (options.sync) return { metric, cols: null };
  return withColumn(options, taskId, { metric });
}

/** A column moved to `iter` (null: its newest): with sync, every column goes to that iteration. */
export function columnMoved(options: SampleViewOptions, taskId: string, iter: number | null): ViewOptionPatch {
  if (options.sync) return { iter: iter === null ? null : String(iter), cols: null };
  return withColumn(options, taskId, { iter: iter === null ? 'newest' : iter });
}

/** Jump to iteration: every column goes there (null: back to each column's newest). */
export function jumpedTo(options: SampleViewOptions, iter: number | null): ViewOptionPatch {
  const columns = Object.fromEntries(Object.entries(options.columns).map(([task, c]) => [task, { ...c, iter: null }]));
  return { iter: iter === null ? null : String(iter), cols: formatColumns(columns) };
}

/**
 * Sync switched on or off. Switching on drops per-column choices and aligns every column to
 * `alignTo` (null: each column's newest); switching off keeps the shared metric and iteration as
 * every column's starting point.
 */
export function syncToggled(sync: boolean, alignTo: number | null): ViewOptionPatch {
  return sync ? { sync: '1', cols: null, iter: alignTo === null ? null : String(alignTo) } : { sync: null };
}

export function sampleOpened(sample: OpenSample | null): ViewOptionPatch {
  return { sample: formatSample(sample) };
}
