/** npm run as a child with an argument array and no shell (see npm-command.js for how). */
export function npmCommand(args: readonly string[]): { command: string; args: string[] };
