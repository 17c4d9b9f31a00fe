/** An API call as plain data (absolute URL, headers, JSON body), for a Web Worker's own `fetch`. */
export interface PlainRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}
