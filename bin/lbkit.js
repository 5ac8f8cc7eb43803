#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm pack` and `npm publish` run through `prepack`).
// In a checkout without dist/ (or with LBKIT_FROM_SOURCE=1, as the tests set), runs the TypeScript
// sources through tsx, a dev dependency.
const path = require('node:path');
const fs = require('node:fs');
const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'cli', 'run.js');
if (fs.existsSync(compiled) && !process.env.LBKIT_FROM_SOURCE) {
  require(compiled);
} else {
  require('tsx/cjs');
  require(path.join(root, 'cli', 'run.ts'));
}
