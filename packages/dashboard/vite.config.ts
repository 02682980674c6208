// Builds the dashboard into dist/, which the API serves at `/`. Workspace packages resolve to their
// TypeScript sources through the `source` export condition, so no prior build of them is needed.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The page holds an API token and, once, generated private keys: the built page may load code and
 * styles only from its own origin and talk only to the API that served it. (Build only: the dev
 * server needs inline scripts for hot reload.)
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

function csp(): Plugin {
  return {
    name: 'portcullis-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), csp()],
  base: './',
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  // `npm run dev`: the dev server forwards API calls to a running `portcullis serve` (PORTCULLIS_API_URL,
  // default the admin listener), so the page and the API share an origin as they do in production.
  server: { proxy: { '/client/v4': process.env['PORTCULLIS_API_URL'] ?? 'http://127.0.0.1:8080' } },
  // The rules engine (with its RE2 regex port) is most of the bundle; one chunk keeps the API's static serving simple.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 800 },
});
