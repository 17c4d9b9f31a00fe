/// <reference lib="webworker" />
import { alignSection } from '../side-by-side/comparison-model';
import { DetailsComparisonRequest, DetailsComparisonResult } from './details-comparison';
import { detailsSections } from './details-sections';

/** Builds the Details comparison off the page's thread: long texts are diffed here. */
addEventListener('message', (event: MessageEvent<DetailsComparisonRequest>) => {
  const { requestId, tasks, rawConfig } = event.data;
  const result: DetailsComparisonResult = { requestId, sections: detailsSections(tasks, rawConfig).map(alignSection) };
  (self as unknown as { postMessage(message: DetailsComparisonResult): void }).postMessage(result);
});
