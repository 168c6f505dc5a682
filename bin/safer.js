#!/usr/bin/env node
// Entry point for `npx safer`: runs the TypeScript sources through tsx's loader,
// so a fresh checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv);
process.exitCode = code;
