/**
 * A part of the configuration that could not be read (no IIS, appcmd absent, a locked
 * section, setspn unable to reach a DC…): said plainly, with the command a person can run
 * by hand, so a diagnosis continues instead of crashing (issue 6, Robustness).
 */
export interface UnreadableFact {
  /** What could not be read, e.g. `the windowsAuthentication section of "Default Web Site/app"`. */
  readonly what: string;
  /** Why, in one line (the tool's own error message where there is one). */
  readonly reason: string;
  /** The command to run by hand (in an elevated prompt on the server) to check it. */
  readonly checkByHand: string;
}

export function describeUnreadable(fact: UnreadableFact): string {
  return `Could not read ${fact.what} (${fact.reason}); check by hand with: ${fact.checkByHand}`;
}
