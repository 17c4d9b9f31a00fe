import { ApiError } from '../api-error';
import { InvalidFieldValueError, InvalidQueryError, UnknownFieldError } from '../db/db-errors';

/** The ClearML envelope error for a query the database layer refused, or null for any other error. */
export function queryApiError(error: unknown): ApiError | null {
  if (error instanceof UnknownFieldError) {
    return new ApiError(400, 14, `Lookup error (probably an invalid field name or unsupported nested field): err=${error.detail}`, {
      err: error.detail,
    });
  }
  if (error instanceof InvalidQueryError) {
    return new ApiError(400, 12, `Validation error: ${error.message}`, { field: error.field });
  }
  if (error instanceof InvalidFieldValueError) {
    return new ApiError(400, 16, `invalid value for fields (${error.message})`);
  }
  return null;
}
