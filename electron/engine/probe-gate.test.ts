/** The test-only probe gate: open by default, one probe per step when held, and a cancelled run stops waiting. */
import { describe, expect, it } from 'vitest';
import { ProbeGate } from './probe-gate.js';

describe('ProbeGate', () => {
  it('lets every probe through while open', async () => {
    const gate = new ProbeGate();
    await gate.beforeProbe('a', new AbortController().signal);
    expect(gate.waiting()).toEqual([]);
  });

  it('when held, lets one probe through per step, oldest first, and everything on open', async () => {
    const gate = new ProbeGate();
    gate.hold();
    const passed: string[] = [];
    const signal = new AbortController().signal;
    const first = gate.beforeProbe('a', signal).then(() => passed.push('a'));
    const second = gate.beforeProbe('b', signal).then(() => passed.push('b'));
    expect(gate.waiting()).toEqual(['a', 'b']);
    gate.step();
    await first;
    expect(passed).toEqual(['a']);
    expect(gate.waiting()).toEqual(['b']);
    gate.open();
    await second;
    expect(passed).toEqual(['a', 'b']);
    await gate.beforeProbe('c', signal);
  });

  it('a step given before a probe arrives lets that probe through', async () => {
    const gate = new ProbeGate();
    gate.hold();
    gate.step();
    await gate.beforeProbe('a', new AbortController().signal);
    const held = gate.beforeProbe('b', new AbortController().signal);
    expect(gate.waiting()).toEqual(['b']);
    gate.open();
    await held;
  });

  it('a cancelled run stops waiting and leaves the gate', async () => {
    const gate = new ProbeGate();
    gate.hold();
    const controller = new AbortController();
    const waiting = gate.beforeProbe('a', controller.signal);
    controller.abort(new Error('the check was cancelled'));
    await expect(waiting).rejects.toThrow('the check was cancelled');
    expect(gate.waiting()).toEqual([]);
  });
});
