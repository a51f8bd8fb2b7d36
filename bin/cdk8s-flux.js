#!/usr/bin/env node
// The `cdk8s-flux` command. In a development checkout (the TypeScript sources are here and tsx is installed) it runs
// the sources, so it never runs a stale build; in the published package (compiled code only) it runs the build.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'lib', 'cli', 'main.ts');
const compiled = path.join(root, 'dist-lib', 'lib', 'cli', 'main.js');

function canRunSource() {
  if (!fs.existsSync(source)) return false;
  try {
    require.resolve('tsx/cjs', { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

if (canRunSource()) {
  require(require.resolve('tsx/cjs', { paths: [root] }));
  require(source).main();
} else if (fs.existsSync(compiled)) {
  require(compiled).main();
} else {
  process.stderr.write('cdk8s-flux: no compiled code found; run `npm run build` first\n');
  process.exitCode = 3;
}
