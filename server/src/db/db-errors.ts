/**
 * Why the database layer refuses a query, as plain outcomes: it knows nothing of HTTP. The one
 * error handler (http/envelope.ts, through http/query-errors.ts) answers each with the ClearML
 * envelope error clearml-server gives for it.
 */

/** A field or sub-field the documents do not have (clearml-server's lookup error). */
export class UnknownFieldError extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** A request field whose value cannot make a query (a sort key, a pattern RE2 cannot run). */
export class InvalidQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A value clearml-server refuses in combination with the rest of the query (its "invalid value for fields"). */
export class InvalidFieldValueError extends Error {}
