/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production bundle is served by WorkplaceResilience.Api from its wwwroot
// (git-ignored; the API falls back to index.html for every non-/api path).
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../WorkplaceResilience.Api/wwwroot',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:5080' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // A busy 2-core CI machine runs these beside the .NET build; the default 5 s is too tight for the longer flows.
    testTimeout: 20_000,
  },
});
