/** An error that the API answers with the ClearML envelope, its HTTP status and result subcode. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly subcode: number,
    message: string,
    readonly errorData: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const MAX_TASKS_PER_CALL = 100;

export function validationError(message: string): ApiError {
  return new ApiError(400, 12, `Validation error: ${message}`);
}

/** An id as a message shows it: at most 64 characters. */
export function shortId(id: string): string {
  return id.length > 64 ? `${id.slice(0, 61)}...` : id;
}

export function unknownTasks(ids: string[]): ApiError {
  const shown = ids.slice(0, 10).map(shortId);
  const more = ids.length > shown.length ? ` and ${ids.length - shown.length} more` : '';
  return new ApiError(400, 101, `Invalid task id: ${shown.join(', ')}${more}`, { ids: ids.slice(0, 100).map(shortId) });
}

export function tooManyTasks(count: number): ApiError {
  return new ApiError(400, 1001, `Too many tasks: ${count} requested, at most ${MAX_TASKS_PER_CALL} per call`, {
    count,
    max: MAX_TASKS_PER_CALL,
  });
}

export function unknownProject(id: string): ApiError {
  return new ApiError(400, 401, `Invalid project id: ${shortId(id)}`, { id: shortId(id) });
}

export function unknownModel(id: string): ApiError {
  return new ApiError(400, 411, `Invalid model id: ${shortId(id)}`, { id: shortId(id) });
}
