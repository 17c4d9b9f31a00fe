/**
 * The ClearML envelope and the error the app reports for a failed call, without Angular: the
 * Details worker reads answers with these too.
 */
export interface Envelope<T> {
  meta?: { result_code?: number; result_subcode?: number; result_msg?: string; error_data?: Record<string, unknown> };
  data: T;
}

/** An error answered by the API (or the network), in words a person can act on. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly subcode: number,
    readonly endpoint: string,
    readonly errorData: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The `data` of a ClearML envelope, or an error saying the answer is not one. */
export function envelopeData<T>(endpoint: string, envelope: unknown): T {
  if (!envelope || typeof envelope !== 'object' || !('data' in envelope)) {
    throw new ApiError(`The answer to ${endpoint} is not a ClearML API response.`, 200, 0, endpoint);
  }
  return (envelope as Envelope<T>).data;
}

/** The error for an HTTP answer that is not a success: the envelope's message when it has one. */
export function errorFromAnswer(endpoint: string, status: number, statusText: string, body: unknown): ApiError {
  const meta = body && typeof body === 'object' ? (body as Envelope<unknown>).meta : undefined;
  if (meta?.result_msg) return new ApiError(meta.result_msg, status, meta.result_subcode ?? 0, endpoint, meta.error_data ?? {});
  if (status === 0) return new ApiError('The server cannot be reached. Check that it is running and try again.', 0, 0, endpoint);
  return new ApiError(`The server answered ${status} ${statusText || ''} to ${endpoint}.`.replace('  ', ' '), status, 0, endpoint);
}

/** JSON from UTF-8 bytes; null when they are not JSON. */
export function parseBytes(bytes: ArrayBuffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
