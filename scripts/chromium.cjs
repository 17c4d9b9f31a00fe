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

module.exports = { CHROMIUM_PATH, QUIET_FLAGS, TEST_FLAGS };
