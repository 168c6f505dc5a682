import type { Config } from '../config.ts';

/** What a CLI command may touch: config, output streams and its exit code. Tests pass their own. */
export interface CliContext {
  config: () => Config;
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
  exitCode: number;
}
