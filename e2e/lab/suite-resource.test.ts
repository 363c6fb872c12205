import { describe, expect, it } from 'vitest';
import { suiteResource } from './suite-resource.js';

function slowResource(delayMs: number) {
  const events: string[] = [];
  const start = () =>
    new Promise<{ stop(): Promise<void> }>((resolve) =>
      setTimeout(() => {
        events.push('started');
        resolve({
          async stop() {
            events.push('stopped');
          },
        });
      }, delayMs),
    );
  return { events, start };
}

describe('suiteResource', () => {
  it('stops a resource whose start was still running when teardown came (a timed-out beforeAll)', async () => {
    const { events, start } = slowResource(50);
    const resource = suiteResource(start);
    void resource.start(); // the setup hook gave up without awaiting this
    expect(events).toEqual([]);
    await resource.stop();
    expect(events).toEqual(['started', 'stopped']);
  });

  it('starts once, and does nothing when never started or when the start failed', async () => {
    const { events, start } = slowResource(1);
    const resource = suiteResource(start);
    expect(resource.start()).toBe(resource.start());
    await resource.stop();
    expect(events).toEqual(['started', 'stopped']);
    await suiteResource(start).stop();
    const failing = suiteResource(() => Promise.reject(new Error('no lab')));
    await expect(failing.start()).rejects.toThrow('no lab');
    await expect(failing.stop()).resolves.toBeUndefined();
  });
});
