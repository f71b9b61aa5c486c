import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // Globals (browser, defineBackground…), the @/ alias and WXT's fake `browser`.
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts?(x)'],
    mockReset: true,
    restoreMocks: true,
  },
});
