#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node
// MALLOC_MMAP_THRESHOLD_ (glibc; ignored elsewhere): see docs/decisions/0008-malloc-mmap-threshold.md.
// Entry point for `npx safer`: runs the TypeScript sources through tsx's loader,
// so a fresh checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv);
process.exitCode = code;
