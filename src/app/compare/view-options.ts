import { EMBED_PAGE_OPTIONS, PAGE_OPTIONS } from '../url/page-options';
import { OptionMap } from '../url/view-options';
import { GROUP_OPTIONS } from '../state/groups/group-options';
import { SAMPLE_OPTIONS } from './debug-samples/sample-view-options';
import { PARALLEL_COORDINATES_OPTIONS } from './hyperparameters/graph/parallel-coordinates-options';
import { SCATTER_OPTIONS } from './hyperparameters/scatter/scatter-options';
import { PLOTS_OPTIONS } from './metrics-plots/plots-options';
import { SCALAR_CHART_OPTIONS, SCALAR_GRAPH_OPTIONS, SCALAR_VALUES_OPTIONS } from './scalars/scalars-options';
import { SIDE_BY_SIDE_OPTIONS } from './side-by-side/side-by-side-options';

/**
 * Each view's URL options, by view path: the maps the views themselves declare. The link check
 * and the Share button read them; the page's own options apply on every view.
 */
export const VIEW_OPTIONS: Readonly<Record<string, readonly OptionMap[]>> = {
  details: [SIDE_BY_SIDE_OPTIONS],
  'hyper-params/values': [SIDE_BY_SIDE_OPTIONS],
  'hyper-params/graph': [PARALLEL_COORDINATES_OPTIONS, GROUP_OPTIONS],
  'hyper-params/scatter': [SCATTER_OPTIONS, GROUP_OPTIONS],
  'scalars/graph': [SCALAR_GRAPH_OPTIONS, SCALAR_CHART_OPTIONS, GROUP_OPTIONS],
  'scalars/values': [SCALAR_VALUES_OPTIONS, GROUP_OPTIONS],
  'scalars/min-values': [SCALAR_VALUES_OPTIONS, GROUP_OPTIONS],
  'scalars/max-values': [SCALAR_VALUES_OPTIONS, GROUP_OPTIONS],
  'metrics-plots': [PLOTS_OPTIONS, GROUP_OPTIONS],
  'debug-images': [SAMPLE_OPTIONS],
};

/** Every option a compare link may hold: the page's, the embed page's and each view's (views keep theirs while another shows). */
export const ALL_OPTION_MAPS: readonly OptionMap[] = [PAGE_OPTIONS, EMBED_PAGE_OPTIONS, ...new Set(Object.values(VIEW_OPTIONS).flat())];
