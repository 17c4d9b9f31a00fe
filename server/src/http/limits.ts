/** What the API accepts at most; each limit is answered with a 4xx envelope naming it (server/README.md). */
export const LIMITS = {
  /** Bytes of an `events.add_batch` body. */
  batchBodyBytes: 64 * 1024 * 1024,
  /** Bytes of any other API body (task configurations and requirements can be long). */
  bodyBytes: 16 * 1024 * 1024,
  /** Events in one `events.add_batch` call. */
  eventsPerBatch: 100_000,
  /** Nesting of objects and arrays in a JSON body. */
  jsonDepth: 64,
  /** Characters of an id (task, project, model). */
  idLength: 128,
  /** Characters of a name, metric, variant, tag or other short text. */
  nameLength: 1024,
  /** Sort terms in `order_by` (each distinct list is a prepared statement). */
  orderByTerms: 10,
  /** Characters of one `order_by` term (`hyperparams.<section>.<name>.value` holds two names). */
  orderByLength: 2100,
  /** Fields in `only_fields` (each is looked up in every task answered). */
  onlyFields: 200,
  /** Page number in `*.get_all*` (page_size is at most 500). */
  maxPage: 1_000_000,
  /** Largest iteration (and smallest, negated): JavaScript's safe integers. */
  maxIteration: Number.MAX_SAFE_INTEGER,
} as const;

export const pageNumber = { type: 'integer', minimum: 0, maximum: LIMITS.maxPage } as const;
export const iterationNumber = { type: 'integer', minimum: -LIMITS.maxIteration, maximum: LIMITS.maxIteration } as const;
export const nameString = { type: 'string', maxLength: LIMITS.nameLength } as const;
/** `only_fields`: at most `onlyFields` dotted paths. */
export const fieldList = { type: 'array', items: { type: 'string', maxLength: LIMITS.nameLength }, maxItems: LIMITS.onlyFields } as const;
const orderByTerm = { type: 'string', maxLength: LIMITS.orderByLength } as const;
/** `order_by`: a list of at most `orderByTerms` terms; `orderByOneOrList` also takes one term alone. */
export const orderByList = { type: 'array', items: orderByTerm, maxItems: LIMITS.orderByTerms } as const;
export const orderByOneOrList = { anyOf: [orderByList, orderByTerm] } as const;
/** The paging fields of clearml-server's list calls (`page` + `page_size`, or `scroll_id` + `size`). */
export const listPaging = {
  page: pageNumber,
  page_size: { type: 'integer', minimum: 1 },
  scroll_id: { type: ['string', 'null'], maxLength: 1024 },
  size: { type: 'integer' },
} as const;

/**
 * How deeply `text` (JSON) nests objects and arrays, stopping early past `limit`. A scan of the
 * text, so a hostile body is measured without recursion.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
