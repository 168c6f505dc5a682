import type { ValueProblem } from './entryValues.ts';

/** An entry that cannot be saved as it is; `problems` name each field (for the form's error summary). Nothing was written. */
export class RegisterEntryError extends Error {
  constructor(
    message: string,
    readonly problems: readonly ValueProblem[],
  ) {
    super(message);
    this.name = 'RegisterEntryError';
  }
}

/** Something the register's rules do not allow this person; nothing was written or shown. */
export class RegisterRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegisterRefusedError';
  }
}
