/**
 * The admin hand-off export (issue 6): when a domain fix is not for the person to apply, the
 * engine writes the same setspn commands as a readable .ps1 for a domain administrator
 * (shared/handoff/admin-handoff-script.ts). The renderer names an offer by id; every value in
 * the script comes from the offers this engine made from its own evidence.
 *
 * A removal is handed off alone — the one the person picked (duplicates are never resolved
 * for them); a registration brings every SPN form the same finding registers. Fixes that need a
 * password or an account only the administrator can choose (a pool's identity, AES on an
 * account, a farm's one identity) exist only as such scripts (shared/handoff/handoff-offers.ts).
 */
import { z } from 'zod';
import {
  buildAdminHandoffScript,
  type AccountRef,
  type HandoffStep,
} from '../../../shared/handoff/admin-handoff-script.js';
import { offersAdminHandoff } from '../../../shared/handoff/handoff-offers.js';
import type { Finding, RemedyOffer } from '../../../shared/model/finding.js';
import type { Target } from '../../../shared/model/target.js';
import { verdictLine, type Verdict } from '../../../shared/model/verdict.js';
import type { MachineIdentity } from '../../host/host.js';
import { RemedyPreconditionError } from './remedy.js';
import { stringParam } from './server-remedy.js';

export interface AdminHandoffFile {
  readonly fileName: string;
  readonly script: string;
}

const optional = (offer: RemedyOffer, name: string): string | null => {
  const value = offer.params[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

/** The pools named in a `domain.enable-aes` offer (a JSON array the engine's own rule wrote). */
function poolsOf(offer: RemedyOffer): string[] {
  let json: unknown;
  try {
    json = JSON.parse(optional(offer, 'pools') ?? '[]');
  } catch {
    json = null;
  }
  const parsed = z.array(z.string().min(1).max(64)).max(50).safeParse(json);
  if (!parsed.success)
    throw new RemedyPreconditionError('this fix names its pools wrongly; run the diagnosis again');
  return parsed.data;
}

function poolIdentityStep(offer: RemedyOffer, account: AccountRef, why: string): HandoffStep {
  return {
    kind: 'set-pool-identity',
    pool: stringParam(offer.params, 'pool'),
    account,
    previousIdentityType: stringParam(offer.params, 'previousIdentityType'),
    previousUserName: optional(offer, 'previousUserName'),
    why,
  };
}

function appPoolCredentialsSteps(offer: RemedyOffer): HandoffStep[] {
  const location = optional(offer, 'location');
  return location
    ? [
        {
          kind: 'use-apppool-credentials',
          location,
          why: `with kernel-mode authentication, ${location} must decrypt with the pool's account (useAppPoolCredentials)`,
        },
      ]
    : [];
}

function stepsOf(offer: RemedyOffer): HandoffStep[] {
  const why = typeof offer.params['why'] === 'string' ? offer.params['why'] : offer.title;
  switch (offer.remedy) {
    case 'domain.remove-spn':
      // A duplicate removed stays removed: giving it back would re-create the duplicate.
      return [
        {
          kind: 'remove-spn',
          spn: stringParam(offer.params, 'spn'),
          account: stringParam(offer.params, 'accountDn'),
          why,
          undoable: false,
        },
      ];
    case 'iis.set-pool-identity':
      return [
        poolIdentityStep(offer, stringParam(offer.params, 'account'), why),
        ...appPoolCredentialsSteps(offer),
      ];
    case 'domain.enable-aes': {
      const accountDn = stringParam(offer.params, 'accountDn');
      const account = stringParam(offer.params, 'account');
      const computer = offer.params['computer'] === true;
      return [
        { kind: 'enable-aes', accountDn, computer, why },
        // A computer renews its own password (and keys); a service account needs a new one now.
        ...(computer
          ? []
          : [
              {
                kind: 'reset-password' as const,
                accountDn,
                why: `AES keys for ${account} are made only when its password is set`,
              },
              ...poolsOf(offer).map((pool): HandoffStep => ({
                kind: 'set-pool-identity',
                pool,
                account,
                previousIdentityType: 'SpecificUser',
                previousUserName: account,
                why: `pool ${pool} runs as ${account} and needs its new password`,
              })),
            ]),
      ];
    }
    case 'domain.farm-identity': {
      const chosen = {
        chosenByAdministrator: `The domain account every server behind this name will run pool ${stringParam(offer.params, 'pool')} as (DOMAIN\\name)`,
      };
      const from = stringParam(offer.params, 'fromAccountDn');
      const spns = stringParam(offer.params, 'spns').split(' ');
      return [
        ...spns.map((spn): HandoffStep => ({
          kind: 'remove-spn',
          spn,
          account: from,
          why: `${spn} leaves ${from}, one node's computer account: the farm's account takes it`,
        })),
        ...spns.map((spn): HandoffStep => ({ kind: 'register-spn', spn, account: chosen, why })),
        poolIdentityStep(
          offer,
          chosen,
          `this node runs pool ${stringParam(offer.params, 'pool')} as the farm's account`,
        ),
        ...appPoolCredentialsSteps(offer),
      ];
    }
    default: {
      const spn = stringParam(offer.params, 'spn');
      const account = stringParam(offer.params, 'account');
      const from = offer.params['fromAccountDn'];
      return [
        ...(typeof from === 'string'
          ? [
              {
                kind: 'remove-spn' as const,
                spn,
                account: from,
                why: `${spn} must leave ${from} first: one SPN belongs to one account`,
              },
            ]
          : []),
        {
          kind: 'register-spn',
          spn,
          account,
          why,
          ...(typeof offer.params['accountDn'] === 'string' ? { accountDn: offer.params['accountDn'] } : {}),
        },
      ];
    }
  }
}

/** What else the administrator must know before running it (farm nodes, the load balancer). */
function notesOf(offer: RemedyOffer, machine: MachineIdentity): string[] {
  if (offer.remedy !== 'domain.farm-identity') return [];
  return [
    `This script changes ${machine.computerName} only: run its IIS steps (pool identity, useAppPoolCredentials) on every other server behind the name too, with the same account.`,
    'Ask for client-connection affinity on the load balancer, so the three NTLM legs stay on one server (401 1 2148074248 in the IIS logs).',
  ];
}

/**
 * The verdict line of the diagnosis that made the offer (its structured `verdict`), when the
 * broken link is this finding's; otherwise the finding's title.
 */
function verdictOf(finding: Finding, verdict: Verdict | undefined): string {
  return verdict && verdict.cause === finding.cause ? verdictLine(verdict) : finding.title;
}

function fileNameFor(cause: string, url: string): string {
  const host = new URL(url).hostname
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .slice(0, 60);
  return `iwa-doctor-${cause}-${host}.ps1`;
}

export function buildAdminHandoff(
  finding: Finding,
  offerId: string,
  target: Target,
  machine: MachineIdentity,
  now: Date,
  verdict?: Verdict,
): AdminHandoffFile {
  const chosen = finding.remedies.find((offer) => offer.offerId === offerId);
  if (!chosen || !offersAdminHandoff(chosen.remedy))
    throw new RemedyPreconditionError(
      'only Active Directory changes and IIS identity changes can be handed to an administrator as a script',
    );
  // A registration brings every form the finding registers; anything else is handed off alone.
  const offers =
    chosen.remedy === 'domain.register-spn'
      ? finding.remedies.filter((offer) => offer.remedy === 'domain.register-spn')
      : [chosen];
  const seen = new Set<string>();
  const steps = offers.flatMap(stepsOf).filter((step) => {
    const key = JSON.stringify(step).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const script = buildAdminHandoffScript({
    url: target.url,
    cause: finding.cause,
    verdict: verdictOf(finding, verdict),
    computerName: machine.computerName,
    steps,
    generatedAt: now.toISOString(),
    notes: notesOf(chosen, machine),
  });
  return { fileName: fileNameFor(finding.cause, target.url), script };
}
