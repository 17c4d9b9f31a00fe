/// <reference lib="webworker" />
import { DetailsWorkerAnswer, DetailsWorkerRequest, TaskCache, compareDetails, parseTexts, transferables } from './details-comparison';
import { errorMessage } from '../../shared/error-message';

const cache = new TaskCache();
const reply = (answer: DetailsWorkerAnswer, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(answer, transfer);

/**
 * The Details tab's long texts and comparisons, off the page's thread: text answers arrive as
 * bytes and are parsed here, tasks and texts are kept between requests, and the cell tables go
 * back without copying.
 */
addEventListener('message', (event: MessageEvent<DetailsWorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'texts') {
    try {
      cache.addTexts(parseTexts(request.ids, request.bytes));
      reply({ kind: 'texts', textsId: request.textsId, error: null });
    } catch (err) {
      reply({ kind: 'texts', textsId: request.textsId, error: errorMessage(err) });
    }
    return;
  }
  const sections = compareDetails(cache.resolve(request), request.rawConfig);
  reply({ kind: 'compare', requestId: request.requestId, sections }, transferables(sections));
});
