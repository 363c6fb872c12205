/**
 * firefox.trust-host through the generic runner on the simulated machine (reference §2.5): the
 * plan keeps the rest of user.js, the whole previous user.js is journaled, undo puts it back,
 * and it refuses while Firefox runs, under a policy, or when user.js changed after the fix.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import { ScenarioHost } from '../../host/scenario/scenario-host.js';
import {
  contosoWorkstation,
  scenarioEnvelope,
  scenarioHostOf,
} from '../../host/scenario/testing/contoso-test-scenario.js';
import { JournalStore } from '../journal/journal-store.js';
import { firefoxTrustHostRemedy } from './firefox-trust-host.js';
import { RemedyPreconditionError } from './remedy.js';
import { applyPlan, undoEntry } from './remedy-runner.js';

const profile = { path: 'Profiles/k7wqz1ph.default-release', isRelative: true };

function host(
  options: {
    running?: boolean;
    userPrefs?: Record<string, string | boolean> | null;
    policy?: boolean;
    policyLocked?: 0 | 1;
  } = {},
): ScenarioHost {
  return scenarioHostOf({
    ...scenarioEnvelope('firefox-test'),
    target: { url: 'https://intranet.contoso.com/', symptom: 'prompt-once-per-session' },
    machine: contosoWorkstation(),
    registry: options.policy
      ? [
          {
            key: 'HKLM\\Software\\Policies\\Mozilla\\Firefox\\Authentication\\SPNEGO',
            values: { '1': { type: 'REG_SZ', data: 'policy.fabrikam.com' } },
          },
          ...(options.policyLocked !== undefined
            ? [
                {
                  key: 'HKLM\\Software\\Policies\\Mozilla\\Firefox\\Authentication',
                  values: { Locked: { type: 'REG_DWORD', data: options.policyLocked } },
                },
              ]
            : []),
        ]
      : [],
    firefox: {
      running: options.running ?? false,
      profiles: [
        {
          path: profile.path,
          prefs: { 'network.negotiate-auth.trusted-uris': 'fabrikam.com' },
          userPrefs: options.userPrefs ?? null,
        },
      ],
    },
  });
}

const offer: RemedyOffer = {
  offerId: 'o1',
  remedy: 'firefox.trust-host',
  title: 'Let Firefox sign in',
  scope: 'user',
  params: { host: 'intranet.contoso.com' },
  available: true,
};

describe('firefox.trust-host', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iwa-firefox-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const context = (machineHost: ScenarioHost) => ({
    host: machineHost,
    journal: JournalStore.inDirectory(dir),
    targetUrl: 'https://intranet.contoso.com/',
    machine: 'scenario:firefox-test',
  });

  it('adds the host after the existing list, keeps the other user.js prefs, and undo puts user.js back', async () => {
    const machine = host({ userPrefs: { 'browser.startup.homepage': 'https://intranet.contoso.com/' } });
    const identity = await machine.machineIdentity();
    const before = (await machine.readFirefoxFiles(profile)).userJs;
    const plan = await firefoxTrustHostRemedy.plan(offer, { host: machine, machine: identity });
    expect(plan.exactChange).toEqual([
      'In %APPDATA%\\Mozilla\\Firefox\\Profiles\\k7wqz1ph.default-release\\user.js: user_pref("network.negotiate-auth.trusted-uris", "fabrikam.com, intranet.contoso.com");',
    ]);
    const entry = await applyPlan(plan, context(machine));
    expect(entry.operations[0]?.previous).toEqual({ fileText: before });
    expect(machine.scenario.firefox?.profiles[0]?.userPrefs).toEqual({
      'browser.startup.homepage': 'https://intranet.contoso.com/',
      'network.negotiate-auth.trusted-uris': 'fabrikam.com, intranet.contoso.com',
    });
    await undoEntry(entry, context(machine));
    expect((await machine.readFirefoxFiles(profile)).userJs).toBe(before);
  });

  it('no user.js before: undo deletes the one it created', async () => {
    const machine = host();
    const plan = await firefoxTrustHostRemedy.plan(offer, {
      host: machine,
      machine: await machine.machineIdentity(),
    });
    const entry = await applyPlan(plan, context(machine));
    expect(entry.operations[0]?.previous).toEqual({ fileText: null });
    await undoEntry(entry, context(machine));
    expect(machine.scenario.firefox?.profiles[0]?.userPrefs).toBeNull();
  });

  it('undo changes nothing when user.js was edited after the fix', async () => {
    const machine = host();
    const entry = await applyPlan(
      await firefoxTrustHostRemedy.plan(offer, { host: machine, machine: await machine.machineIdentity() }),
      context(machine),
    );
    await machine.writeFirefoxUserJs(
      profile,
      'user_pref("network.negotiate-auth.trusted-uris", "something.else");\n',
    );
    await expect(undoEntry(entry, context(machine))).rejects.toThrow(/user\.js .* was changed after the fix/);
    expect(machine.scenario.firefox?.profiles[0]?.userPrefs).toEqual({
      'network.negotiate-auth.trusted-uris': 'something.else',
    });
  });

  it('refuses while Firefox runs, and when a Firefox policy owns the list', async () => {
    const running = host({ running: true });
    await expect(
      firefoxTrustHostRemedy.plan(offer, { host: running, machine: await running.machineIdentity() }),
    ).rejects.toThrow(/Firefox is open/);
    const policy = host({ policy: true });
    await expect(
      firefoxTrustHostRemedy.plan(offer, { host: policy, machine: await policy.machineIdentity() }),
    ).rejects.toBeInstanceOf(RemedyPreconditionError);
  });

  it('a Firefox policy with Locked = 1 refuses; with Locked = 0 the list is a default and user.js gets it plus the host', async () => {
    const locked = host({ policy: true, policyLocked: 1 });
    await expect(
      firefoxTrustHostRemedy.plan(offer, { host: locked, machine: await locked.machineIdentity() }),
    ).rejects.toThrow(/policy sets and locks the list/);
    const unlocked = host({ policy: true, policyLocked: 0 });
    const plan = await firefoxTrustHostRemedy.plan(offer, {
      host: unlocked,
      machine: await unlocked.machineIdentity(),
    });
    // prefs.js holds "fabrikam.com" as the person's own value, which wins over the unlocked policy default
    expect(plan.exactChange[0]).toContain(
      'user_pref("network.negotiate-auth.trusted-uris", "fabrikam.com, intranet.contoso.com");',
    );
    const noOwnValue = new ScenarioHost({
      ...unlocked.scenario,
      firefox: {
        ...unlocked.scenario.firefox!,
        profiles: unlocked.scenario.firefox!.profiles.map((entry) => ({ ...entry, prefs: {} })),
      },
    });
    const fromDefault = await firefoxTrustHostRemedy.plan(offer, {
      host: noOwnValue,
      machine: await noOwnValue.machineIdentity(),
    });
    expect(fromDefault.exactChange[0]).toContain(
      'user_pref("network.negotiate-auth.trusted-uris", "policy.fabrikam.com, intranet.contoso.com");',
    );
  });

  it('refuses a host that is not a plain name (nothing could add a second entry)', async () => {
    const machine = host();
    for (const bad of ['a.com, *', 'intranet.contoso.com"', '']) {
      await expect(
        firefoxTrustHostRemedy.plan(
          { ...offer, params: { host: bad } },
          { host: machine, machine: await machine.machineIdentity() },
        ),
      ).rejects.toThrow(/plain host name/);
    }
  });
});
