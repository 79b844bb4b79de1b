#!/usr/bin/env node
// Compiled by `npm ci` (the prepare script builds dist/) and when packed; run `npm run build` after editing sources.
require("../dist/policypack/cli/p2s-check.js").main();
