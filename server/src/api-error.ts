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

export function unknownTasks(ids: string[]): ApiError {
  return new ApiError(400, 101, `Invalid task id: ${ids.join(', ')}`, { ids });
}

export function tooManyTasks(count: number): ApiError {
  return new ApiError(
    400,
    1001,
    `Too many tasks: ${count} requested, at most ${MAX_TASKS_PER_CALL} per call`,
    { count, max: MAX_TASKS_PER_CALL },
  );
}

export function unknownProject(id: string): ApiError {
  return new ApiError(400, 401, `Invalid project id: ${id}`, { id });
}

export function unknownModel(id: string): ApiError {
  return new ApiError(400, 411, `Invalid model id: ${id}`, { id });
}
