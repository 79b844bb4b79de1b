#!/usr/bin/env node
// npm runs this before it packs this folder (npm pack, npm publish, and so `pulumi policy publish`,
// which uploads what `npm pack` gives): it compiles dist/ with the repository root's TypeScript, or
// stops the pack with one line, so that no tarball without the pack's code is ever made. It writes
// nothing to standard output, where `pulumi policy publish` reads the tarball's name (.npmrc keeps
// npm's own banner off it too).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const pack = path.resolve(__dirname, "..");
const root = path.dirname(pack);

function fail(why) {
  process.stderr.write(`azure-p2s-routing-policypack: ${why}\n`);
  process.exit(1);
}

const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
if (!fs.existsSync(tsc))
  fail("cannot build dist/ to pack: run `npm ci` at the repository root first (it installs TypeScript and the pack's dependencies).");
const build = spawnSync(process.execPath, [tsc, "-b", path.join(pack, "tsconfig.json")], {
  stdio: ["ignore", process.stderr, process.stderr],
});
if (build.status !== 0) fail("building dist/ failed (tsc -b policypack/tsconfig.json, errors above); nothing was packed.");
if (!fs.existsSync(path.join(pack, "dist", "index.js"))) fail("the build made no dist/index.js; nothing was packed.");
