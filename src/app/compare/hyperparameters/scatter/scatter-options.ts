import { OptionValues, customOption, selectOptions } from '../../../url/view-options';
import { LogMode } from '../shared-axes/axis';
import { MetricPick, ParamRef } from '../shared-axes/hyperparameters-data';
import {
  ExtraField,
  formatExtra,
  formatList,
  formatMetric,
  formatParam,
  parseExtra,
  parseList,
  parseMetric,
  parseParam,
} from '../shared-axes/hyperparameters-url';

/** The scatter plot's URL options. */
export const SCATTER_OPTIONS = {
  y: customOption(
    'scY',
    (raw): MetricPick | null => (raw ? parseMetric(raw) : null),
    (m: MetricPick | null) => (m ? formatMetric(m) : null),
  ),
  x: customOption(
    'scX',
    (raw): ParamRef | null => (raw ? parseParam(raw) : null),
    (p: ParamRef | null) => (p ? formatParam(p) : null),
  ),
  log: customOption(
    'scLog',
    (raw): LogMode => (raw === 'on' || raw === 'off' ? raw : 'auto'),
    (mode: LogMode) => (mode === 'auto' ? null : mode),
    { test: (raw) => ['on', 'off', 'auto'].includes(raw), fallback: 'automatic' },
  ),
  colorBy: customOption(
    'scColor',
    (raw): ParamRef | null => (raw ? parseParam(raw) : null),
    (p: ParamRef | null) => (p ? formatParam(p) : null),
  ),
  extras: customOption(
    'scExtra',
    (raw) => parseList(raw, parseExtra) ?? [],
    (extras: ExtraField[]) => (extras.length ? formatList(extras, formatExtra) : null),
  ),
  /** Tasks hidden from the chart by a click on their name in the legend. */
  hidden: customOption(
    'scHidden',
    (raw) => parseList(raw, (id) => id || null) ?? [],
    (ids: string[]) => (ids.length ? ids.join(',') : null),
  ),
  selected: customOption(
    'scTask',
    (raw) => raw || null,
    (id: string | null) => id,
  ),
};

export type ScatterOptions = OptionValues<typeof SCATTER_OPTIONS>;

export const selectScatterOptions = selectOptions(SCATTER_OPTIONS);
