// Karma runs the unit tests in Debian's Chromium, headless and without a sandbox
// (tests run as root in CI). The browser is never downloaded: CHROME_BIN points at it.
const { CHROMIUM_PATH, TEST_FLAGS } = require('./scripts/chromium.cjs');

process.env.CHROME_BIN = CHROMIUM_PATH;

module.exports = function (config) {
  config.set({
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    // Specs wait for states, not for time; the timeout only bounds a spec that never gets there, so it
    // is long enough for a busy machine (Plotly's first evaluation alone takes seconds there).
    client: { jasmine: { random: true, timeoutInterval: 60_000 }, clearContext: false },
    reporters: ['dots'],
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: [...TEST_FLAGS],
      },
    },
    browserNoActivityTimeout: 120000,
    // On a busy machine the browser can miss the 5 s socket ping (and is then dropped with nothing
    // run) or take more than a minute to start: these only bound a browser that is really gone.
    pingTimeout: 60000,
    browserDisconnectTimeout: 60000,
    browserDisconnectTolerance: 1,
    captureTimeout: 300000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
