/// <reference lib="webworker" />
import { DetailsComparisonRequest, DetailsComparisonResult, TaskCache, compareDetails, transferables } from './details-comparison';

const cache = new TaskCache();

/**
 * Builds the Details comparison off the page's thread: long texts are diffed here, the tasks are
 * kept between requests (their texts sent as they arrive), and the cell tables go back without copying.
 */
addEventListener('message', (event: MessageEvent<DetailsComparisonRequest>) => {
  const { requestId, rawConfig, compare } = event.data;
  const tasks = cache.resolve(event.data);
  if (!compare) return;
  const sections = compareDetails(tasks, rawConfig);
  const result: DetailsComparisonResult = { requestId, sections };
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(result, transferables(sections));
});
