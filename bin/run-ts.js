#!/usr/bin/env node
// Runs a TypeScript script (benchmarks, maintenance) through tsx without a build step.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const script = process.argv[2];
if (!script) {
  console.error('usage: run-ts.js SCRIPT.ts [args…]');
  process.exit(2);
}
process.argv.splice(2, 1);
await import(pathToFileURL(resolve(script)).href);
