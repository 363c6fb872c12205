/**
 * The bench's child process: runs the CLI's `analyze <file> --json` command in-process (the
 * real path: file chunks → shared analyzer → JSON; only the command table of main.ts is
 * left out, so the bundle needs none of the other commands' packages), discards the
 * document, and prints one JSON line with its own peak RSS, which only the process can read.
 */
import { analyzeCommand } from '../electron/cli/commands/analyze.js';

const file = process.argv[2];
if (!file) throw new Error('usage: log-analyzer-process.ts <file>');
let outputBytes = 0;
let errors = '';
const code = await analyzeCommand.run([file, '--json'], {
  stdout: (text) => (outputBytes += text.length),
  stderr: (text) => (errors += text),
});
process.stdout.write(
  `${JSON.stringify({ code, errors, outputBytes, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
