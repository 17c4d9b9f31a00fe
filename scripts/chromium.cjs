// Debian's Chromium for the unit tests (Karma), the e2e tests (Playwright) and the benches: the browser
// is never downloaded. CommonJS so that karma.conf.js can require it; ESM and TypeScript import it too
// (types in chromium.d.cts).

/** The browser binary: CHROME_BIN, or Debian's package. */
const CHROMIUM_PATH = process.env.CHROME_BIN || '/usr/bin/chromium';

/** No background traffic (updates, sync) and no first-run screens: nothing but the page uses the CPU. */
const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * For the tests: no sandbox (they run as root in CI), no GPU (software rendering only), and shared
 * memory in /tmp (a container's /dev/shm is often 64 MB).
 */
const TEST_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', ...QUIET_FLAGS];

/**
 * For a browser driven through the DevTools protocol (Playwright: the e2e tests and the benches).
 * With the protocol's Runtime domain on, every exception thrown (even one caught at once) records a
 * detailed stack trace, for which V8 parses each function on the stack again to find line numbers.
 * Plotly's builds throw and catch several such exceptions while they start (feature tests in their
 * dependencies), each inside a function of about a megabyte, so each page's first chart costs about
 * a second of CPU more than in a browser without the protocol. This flag makes V8 record line numbers
 * while it compiles instead of when they are asked for, which takes that cost out; no user's browser
 * pays it (bench/RESULTS.md).
 */
const PROTOCOL_FLAGS = ['--js-flags=--no-enable-lazy-source-positions'];

module.exports = { CHROMIUM_PATH, QUIET_FLAGS, TEST_FLAGS, PROTOCOL_FLAGS };
