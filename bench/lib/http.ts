/** POST to the API and unwrap the envelope; throws with the server's meta on a non-200 answer. */
/** POSTs and returns the answer's bytes once all have arrived (no decoding or parsing). */
export async function postBytes(base: string, endpoint: string, body: unknown): Promise<Buffer> {
  const response = await fetch(`${base}api/v2.31/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${endpoint}: ${bytes.toString('utf8', 0, 500)}`);
  return bytes;
}

export async function post(base: string, endpoint: string, body: unknown, contentType = 'application/json'): Promise<unknown> {
  const response = await fetch(`${base}api/v2.31/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const parsed = (await response.json()) as { meta: unknown; data: unknown };
  if (response.status !== 200) throw new Error(`${endpoint}: ${JSON.stringify(parsed.meta)}`);
  return parsed.data;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
