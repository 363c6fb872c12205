/** Process entry of the CLI: runs the command line and sets the exit code. */
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // A getter: only a command that reads standard input opens it.
  get stdin() {
    return process.stdin;
  },
});
