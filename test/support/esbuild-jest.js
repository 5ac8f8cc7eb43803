// Jest transform for TypeScript through esbuild (already a dependency via tsx). It strips types only;
// `npm test` type-checks with tsc first. Chosen over @swc/jest because the registry mirror CI installs
// from lacks swc's binaries for other platforms, which breaks `npm ci` on any lock file.
'use strict';
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update('esbuild-jest-1\0').update(filename).update('\0').update(source).digest('hex');
  },
};
