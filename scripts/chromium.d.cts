/** The browser binary: CHROME_BIN, or Debian's package. */
export declare const CHROMIUM_PATH: string;
/** No background traffic (updates, sync) and no first-run screens. */
export declare const QUIET_FLAGS: readonly string[];
/** For the tests: no sandbox, no GPU, shared memory in /tmp, and QUIET_FLAGS. */
export declare const TEST_FLAGS: readonly string[];
/** For a browser driven through the DevTools protocol: line numbers recorded at compile time (Plotly's start). */
export declare const PROTOCOL_FLAGS: readonly string[];
