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
