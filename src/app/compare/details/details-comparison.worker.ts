/// <reference lib="webworker" />
import { DetailsWorkerAnswer, DetailsWorkerRequest, TaskCache, compareDetails, parseTexts, transferables } from './details-comparison';
import { errorMessage } from '../../core/error-message';
import { errorFromAnswer, parseBytes } from '../../core/api/api-error';

const cache = new TaskCache();
const reply = (answer: DetailsWorkerAnswer, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(answer, transfer);

/**
 * The Details tab's long texts and comparisons, off the page's thread: text answers are fetched
 * here (or arrive as bytes) and parsed here, tasks and texts are kept between requests, and the
 * cell tables go back without copying.
 */
addEventListener('message', (event: MessageEvent<DetailsWorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'fetchTexts') {
    void fetchTexts(request);
    return;
  }
  if (request.kind === 'texts') {
    keepTexts(request.textsId, request.ids, request.bytes);
    return;
  }
  const sections = compareDetails(cache.resolve(request), request.rawConfig, false, request.models ?? {});
  reply({ kind: 'compare', requestId: request.requestId, sections }, transferables(sections));
});

/**
 * Fetches one answer of texts and keeps it. A server's error is reported with its message; when
 * there is no answer or a 401, the page is asked to fetch the texts its own way (which can sign in).
 */
async function fetchTexts({ textsId, ids, request }: Extract<DetailsWorkerRequest, { kind: 'fetchTexts' }>): Promise<void> {
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      credentials: request.credentials ?? 'same-origin',
    });
    bytes = await response.arrayBuffer();
  } catch (err) {
    reply({ kind: 'texts', textsId, error: errorMessage(err), askAgain: true });
    return;
  }
  if (response.status === 401) {
    reply({ kind: 'texts', textsId, error: 'Not signed in', askAgain: true });
    return;
  }
  if (!response.ok) {
    reply({
      kind: 'texts',
      textsId,
      error: errorFromAnswer('tasks.get_all_ex', response.status, response.statusText, parseBytes(bytes)).message,
    });
    return;
  }
  keepTexts(textsId, ids, bytes);
}

/** Parses one answer of texts and keeps them; says when they are kept, or why not. */
function keepTexts(textsId: number, ids: string[], bytes: ArrayBuffer): void {
  try {
    cache.addTexts(parseTexts(ids, bytes));
    reply({ kind: 'texts', textsId, error: null });
  } catch (err) {
    reply({ kind: 'texts', textsId, error: errorMessage(err) });
  }
}
