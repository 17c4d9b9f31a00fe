/**
 * What a server offers beyond ClearML's API, read once from `server.info`. clearml-server lists
 * nothing there (no `capabilities` key): every extension is off and the app uses the plain ClearML
 * way. Each flag is on only when the server says `true`.
 */
export interface ServerCapabilities {
  /** Histogram series carry `y_min`/`y_max`/`total` when asked with `envelope: true`. */
  histogramEnvelope: boolean;
  /** `x_range` in `events.multi_task_scalar_metrics_iter_histogram` (zoom fetches the detail). */
  histogramXRange: boolean;
  /** `iteration` in an `events.debug_images` metrics item (a column jumps to that iteration). */
  debugImagesIteration: boolean;
}

export const PLAIN_CLEARML: ServerCapabilities = { histogramEnvelope: false, histogramXRange: false, debugImagesIteration: false };

/** The capabilities in a `server.info` answer; anything missing or not `true` is off. */
export function parseCapabilities(info: unknown): ServerCapabilities {
  const raw = info && typeof info === 'object' ? (info as { capabilities?: unknown }).capabilities : undefined;
  if (!raw || typeof raw !== 'object') return PLAIN_CLEARML;
  const flags = raw as Record<string, unknown>;
  return {
    histogramEnvelope: flags['scalar_histogram_envelope'] === true,
    histogramXRange: flags['scalar_histogram_x_range'] === true,
    debugImagesIteration: flags['debug_images_iteration'] === true,
  };
}
