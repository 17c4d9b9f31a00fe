// @ts-check
// Lint for the whole repository: the app (src/), the embedded server (server/), the e2e suites (e2e/),
// the benches (bench/) and the scripts (scripts/). Standard rule sets only; a rule turned off says why.
const { defineConfig, globalIgnores } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const angular = require('angular-eslint');
const ngrx = require('@ngrx/eslint-plugin/v9');
const prettier = require('eslint-config-prettier');
const globals = require('globals');

module.exports = defineConfig([
  globalIgnores(['dist/', 'out-tsc/', 'coverage/', 'data/', 'test-results/', 'playwright-report/', 'bench/.data/', '.angular/']),
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
  {
    files: ['src/**/*.ts'],
    extends: [angular.configs.tsRecommended, ngrx.configs.store, ngrx.configs.effects, ngrx.configs.operators],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
    },
  },
  {
    files: ['src/**/*.html'],
    extends: [angular.configs.templateRecommended],
  },
  {
    files: ['server/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*', '*.config.*', 'karma.conf.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['server/test/**/*.ts', 'server/reliability/**/*.ts'],
    rules: {
      // Assertions read the API's JSON replies by path; typing each reply would restate the schemas in every test.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  prettier,
]);
