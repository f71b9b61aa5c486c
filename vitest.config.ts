import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // Globals (browser, defineBackground…), the @/ alias and WXT's fake `browser`.
  plugins: [WxtVitest()],
  // The build constants wxt.config.ts defines, as a store build has them.
  define: {
    __OT_REQUEST_TIMEOUT_MS__: '30000',
    __OT_PRESET__: JSON.stringify({ origin: null, token: null }),
  },
  test: {
    include: ['test/unit/**/*.test.ts?(x)'],
    setupFiles: ['test/support/setup.ts'],
    // The JSON report feeds the summary at the end of npm test (scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: '.output/test-results/unit.json' },
    mockReset: true,
    restoreMocks: true,
  },
});
