import { describe, expect, it, vi } from 'vitest';
import { failureLine, runBounded } from './run-bounded.js';

const node = process.execPath;

describe('runBounded', () => {
  it('says succeeded and keeps the output', async () => {
    const run = await runBounded(node, ['-e', 'console.log("hello"); console.error("there")'], {
      timeoutMs: 60_000,
      capture: true,
    });
    expect(run).toEqual({ outcome: 'succeeded', output: expect.stringMatching(/hello\n[\s\S]*there/) });
  });

  it('says failed with the exit code and the output', async () => {
    const run = await runBounded(node, ['-e', 'console.error("Error: refused"); process.exit(3)'], {
      timeoutMs: 60_000,
      capture: true,
    });
    expect(run).toMatchObject({ outcome: 'failed', exitCode: 3, output: 'Error: refused\n' });
  });

  it('stops a process that outlives its limit and says it timed out', async () => {
    const run = await runBounded(node, ['-e', 'setInterval(() => {}, 1000)'], {
      timeoutMs: 200,
      capture: true,
    });
    expect(run.outcome).toBe('timed-out');
  });

  it.skipIf(process.platform === 'win32')(
    'kills the whole tree, also a child that ignores TERM and a grandchild holding the output open',
    async () => {
      // The grandchild shares the output pipe: the run can only end once it is gone too. The
      // limit leaves both time to start; the output proves they did before it ran out.
      const script = `
        process.on('SIGTERM', () => console.log('child ignores TERM'));
        require('node:child_process').spawn(
          process.execPath,
          ['-e', 'console.log("grandchild running"); setInterval(() => {}, 1000)'],
          { stdio: 'inherit' },
        );
        setInterval(() => {}, 1000);`;
      const run = await runBounded(node, ['-e', script], { timeoutMs: 3_000, capture: true });
      expect(run).toEqual({
        outcome: 'timed-out',
        output: expect.stringMatching(
          /grandchild running[\s\S]*child ignores TERM|child ignores TERM[\s\S]*grandchild running/,
        ),
      });
    },
  );

  it('says could-not-run for a program that does not exist', async () => {
    const run = await runBounded('/nonexistent/iwa-doctor-tool', [], { timeoutMs: 60_000, capture: true });
    expect(run).toMatchObject({ outcome: 'could-not-run', reason: expect.stringContaining('ENOENT') });
  });

  it('prints the slow notice once for a run that is still going, never for a quick one', async () => {
    const slow = vi.fn();
    await runBounded(node, ['-e', 'setTimeout(() => {}, 400)'], {
      timeoutMs: 60_000,
      capture: true,
      slowNotice: { afterMs: 1, print: slow },
    });
    expect(slow).toHaveBeenCalledTimes(1);
    const quick = vi.fn();
    await runBounded(node, ['-e', ''], {
      timeoutMs: 60_000,
      capture: true,
      slowNotice: { afterMs: 60_000, print: quick },
    });
    expect(quick).not.toHaveBeenCalled();
  });
});

describe('failureLine', () => {
  it('is the first line that is not a stack frame', () => {
    expect(
      failureLine(
        '\nTypeError: fetch failed\n    at node:internal/deps/undici:1:1\n    at async x (file:///a.js:2:3)\n',
      ),
    ).toBe('TypeError: fetch failed');
  });

  it('says so when the output explains nothing', () => {
    expect(failureLine('')).toBe('no explanation given');
  });
});
