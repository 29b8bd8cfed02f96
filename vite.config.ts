import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

// One config for the studio build (studio/ → dist/studio) and the test runner (test/).
export default defineConfig({
  // Absolute, so `npm start` (which may rebuild the studio) works from any working directory.
  root: fileURLToPath(new URL('./studio', import.meta.url)),
  plugins: [svelte()],
  build: { outDir: '../dist/studio', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
  test: {
    root: here,
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
