// Builds the dashboard into dist/, which the API serves at `/`. Workspace packages resolve to their
// TypeScript sources through the `source` export condition, so no prior build of them is needed.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  // The rules engine (with its RE2 regex port) is most of the bundle; one chunk keeps the API's static serving simple.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 800 },
});
