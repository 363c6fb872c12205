import { describe, expect, it } from 'vitest';
import { untilAborted } from './until-aborted.js';

describe('untilAborted', () => {
  it("gives the work's own answer or failure when nobody stops it", async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(untilAborted(Promise.reject(new Error('no IIS')), signal)).rejects.toThrow('no IIS');
  });

  it('ends at the stop, without waiting for work that never finishes', async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => undefined);
    const waiting = untilAborted(never, controller.signal);
    controller.abort(new Error('stopped by the person'));
    await expect(waiting).rejects.toThrow('stopped by the person');
  });

  it('refuses at once when the stop came first, and a later failure of the work is not unhandled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    let fail!: (error: Error) => void;
    const work = new Promise<number>((_, reject) => (fail = reject));
    await expect(untilAborted(work, controller.signal)).rejects.toThrow('stopped');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    fail(new Error('late failure'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});
