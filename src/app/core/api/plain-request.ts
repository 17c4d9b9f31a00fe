/** An API call as plain data (absolute URL, headers, JSON body, cookies or not), for a Web Worker's own `fetch`. */
export interface PlainRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Whether the browser's cookies go along (`include`, as the app's HTTP client sends API calls). */
  credentials?: RequestCredentials;
}
