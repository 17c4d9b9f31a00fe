/**
 * An autocannon-style load: `connections` keep-alive connections, each sending the next request as
 * soon as the last answer's final byte has arrived, for `seconds`; requests a second, latency
 * percentiles and errors.
 *
 * Built on undici (Node's own HTTP client) rather than autocannon: autocannon decodes every answer
 * into a JavaScript string, which on a 2-core machine caps it, against a server that does nothing
 * but send stored 1.5 MB answers, below the rate to be measured. Here the answer's bytes are
 * counted and dropped as they arrive.
 */
import { Pool } from 'undici';
import { percentile } from './http';

export interface LoadOptions {
  /** http://127.0.0.1:PORT/ */
  base: string;
  path: string;
  body: string;
  connections?: number;
  seconds?: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Failed requests: connection errors and timeouts (10 s without an answer). */
  errors: number;
  /** Answers with a status other than 2xx. */
  non2xx: number;
  /** Bytes of answer bodies received, all requests. */
  bytes: number;
}

export async function load({ base, path, body, connections = 10, seconds = 10 }: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(base, { connections, pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let bytes = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const connection = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        const answer = await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json' }, body });
        for await (const chunk of answer.body) bytes += (chunk as Buffer).length;
        if (answer.statusCode < 200 || answer.statusCode > 299) non2xx++;
        latencies.push(performance.now() - sent);
      } catch {
        errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, connection));
  } finally {
    await pool.close();
  }
  const elapsed = (performance.now() - start) / 1000;
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: latencies.length ? percentile(latencies, 50) : NaN,
    p99: latencies.length ? percentile(latencies, 99) : NaN,
    errors,
    non2xx,
    bytes,
  };
}
