#!/usr/bin/env node
// The portcullis command: runs the compiled CLI (built by `npm ci` through the root `prepare` script).
import('../dist/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    console.error('portcullis: the CLI is not built; run `npm run build` in the repository root');
    process.exit(70);
  }
  throw error;
});
