/**
 * One CLI subcommand (`iwa-doctor <name> ...`). Commands write through `io` so tests can
 * capture output; they return the exit code: 0 when it ran, non-zero with one line on
 * stderr for bad input (design.md, CLI).
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Standard input, for commands that read data from it (`decode -`); absent where there is
   * none. `isTTY` is true when a person types into it rather than a pipe or file.
   */
  readonly stdin?: CliInput;
}

export type CliInput = AsyncIterable<Uint8Array | string> & { readonly isTTY?: boolean };

export interface CliCommand {
  readonly name: string;
  /** One line for `iwa-doctor --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Bad input: the CLI prints `iwa-doctor: <message>` on one line and exits 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
