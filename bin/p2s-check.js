#!/usr/bin/env node
// Compiled by `npm ci` (the prepare script builds dist/); run `npm run build` after editing sources.
const { runCheck } = require("../dist/policypack/cli/p2s-check.js");

const { code, stdout, stderr } = runCheck(process.argv.slice(2));
if (stdout) process.stdout.write(stdout + "\n");
if (stderr) process.stderr.write(stderr + "\n");
process.exitCode = code;
