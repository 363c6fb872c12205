/**
 * The domain's KDC as the simulated machine's user meets it when asking for a service ticket
 * (TGS exchange), decided from the scenario's state — the same facts the simulated klist,
 * nltest and w32tm read (tools/workstation-state.ts):
 *
 * - no domain sign-in (a local account or a workgroup machine): no Kerberos credentials;
 * - no domain controller reachable on port 88: no KDC answers (reference §6.1 "no logon servers");
 * - the clock 5 minutes or more off the DC's: KRB_AP_ERR_SKEW (§6.3);
 * - a ticket for the SPN already in the cache is used without asking the KDC (`klist get` puts
 *   one there too). It is stale — made with the key of an account that no longer holds the SPN —
 *   when it started before the holder's servicePrincipalNameChanged, or when the domain no
 *   longer knows the SPN at all; a ticket of an encryption type the holder has no key for cannot
 *   be decrypted either (§6.1, §6.2, §8.5: KRB_AP_ERR_MODIFIED at the server);
 * - the SPN on no account: KDC_ERR_S_PRINCIPAL_UNKNOWN (§6.2). Who holds it comes from the
 *   directory (which setspn changes, so fixes show); an explicit HTTP/ SPN wins, otherwise a
 *   computer account's HOST/<name> covers HTTP/<name> (§3.1). Without a directory section the
 *   workstation's `spnsKnownToKdc` list (or the target's own HTTP/<host>) says what is known;
 * - no encryption type both the domain issues and the account has: KDC_ERR_ETYPE_NOSUPP (§6.2, §8.5).
 *
 * The same SPN on several accounts makes the KDC pick one of them, so sign-in fails now and then
 * (§4.4 "non-deterministic key", §3.2). A simulation must be repeatable: it picks an account
 * other than the one that decrypts at the server, when there is one — the failing case the
 * person reports.
 */
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import type { ScenarioDirectoryAccount } from '../../../../shared/scenario/sections/directory.js';
import { parseSpn, spnKey } from '../../../../shared/spn/service-principal-name.js';
import { klistTimeBefore, localTimeText } from '../../../../shared/windows-output/klist-time.js';
import { parseZoneUrl } from '../../../../shared/zones/zone-url.js';
import { domainControllerOf, kdcReachable, realmOf } from '../tools/workstation-state.js';
import { encryptionTypeNumbers, type EncryptionTypeName } from './simulated-tokens.js';

/** Kerberos allows 5 minutes of clock difference by default (reference §6.3). */
const maximumSkewSeconds = 300;
const strongestFirst: readonly EncryptionTypeName[] = ['AES256', 'AES128', 'RC4', 'DES'];
/** The scenario does not describe key versions: every account's key is at version 2. */
export const simulatedKeyVersion = 2;

export interface SimulatedServiceTicket {
  readonly spn: string;
  readonly realm: string;
  readonly etype: number;
  readonly kvno: number;
  /** sAMAccountName of the account the ticket is encrypted for; null when the scenario does not say. */
  readonly holder: string | null;
  readonly source: 'kdc' | 'cache';
  /**
   * Why no server key can decrypt this (cached) ticket: the domain no longer issues the SPN
   * (stale), or the holder has no key of the ticket's encryption type; null when one can.
   */
  readonly undecryptable: 'stale' | 'encryption-type' | null;
}

export type SimulatedTicketAnswer =
  | { readonly ok: true; readonly ticket: SimulatedServiceTicket }
  | {
      readonly ok: false;
      readonly outcome: 'no-credentials' | 'kdc-unreachable' | 'clock-skew' | 'principal-unknown' | 'failed';
      /** The error as a Kerberos library words it, with the code IT looks up. */
      readonly message: string;
    };

/** `CONTOSO\svc-web`, `svc-web@contoso.com` or `WEB01$` → `svc-web` / `web01$` for comparing. */
export function samKey(account: string): string {
  const afterSlash = account.slice(account.lastIndexOf('\\') + 1);
  const at = afterSlash.indexOf('@');
  return (at >= 0 ? afterSlash.slice(0, at) : afterSlash).toLowerCase();
}

/** The accounts the KDC finds for `spn`: explicit holders, else computers whose HOST/ covers an HTTP/ SPN. */
export function spnHolders(scenario: Scenario, spn: string): ScenarioDirectoryAccount[] {
  const accounts = scenario.directory?.accounts ?? [];
  const wanted = spnKey(spn);
  const explicit = accounts.filter((account) =>
    account.spns.some((candidate) => spnKey(candidate) === wanted),
  );
  if (explicit.length > 0) return explicit;
  const parsed = safeParseSpn(spn);
  if (!parsed || parsed.serviceClass.toLowerCase() !== 'http') return [];
  const hostForm = spnKey(`HOST/${spn.slice(spn.indexOf('/') + 1)}`);
  return accounts.filter(
    (account) =>
      account.kind === 'computer' && account.spns.some((candidate) => spnKey(candidate) === hostForm),
  );
}

function safeParseSpn(spn: string): ReturnType<typeof parseSpn> | null {
  try {
    return parseSpn(spn);
  } catch {
    return null;
  }
}

/** Without a directory section: the workstation's list (HOST/ covering HTTP/), or the target's own HTTP/<host>. */
function knownWithoutDirectory(scenario: Scenario, spn: string): boolean {
  const wanted = spnKey(spn);
  const listed = scenario.workstation?.spnsKnownToKdc;
  if (listed === undefined) return wanted === spnKey(`HTTP/${parseZoneUrl(scenario.target.url).host}`);
  const hostForm = wanted.startsWith('http/') ? `host/${wanted.slice('http/'.length)}` : null;
  return listed.some((candidate) => spnKey(candidate) === wanted || spnKey(candidate) === hostForm);
}

function ticketEncryptionType(scenario: Scenario, holder: ScenarioDirectoryAccount | null): number | null {
  const issued = scenario.directory?.ticketEncryptionTypes ?? strongestFirst;
  const keys = holder?.supportedEncryptionTypes ?? strongestFirst;
  const common = strongestFirst.find((etype) => issued.includes(etype) && keys.includes(etype));
  return common === undefined ? null : encryptionTypeNumbers[common];
}

const klistEncryptionTypes: readonly (readonly [RegExp, number])[] = [
  [/AES-256/i, encryptionTypeNumbers.AES256],
  [/AES-128/i, encryptionTypeNumbers.AES128],
  [/RC4/i, encryptionTypeNumbers.RC4],
  [/DES/i, encryptionTypeNumbers.DES],
];

/**
 * Asks the simulated KDC for a ticket to `spn`. `decryptingAccount` is the account the web
 * server decrypts with (null when unknown), used only to pick among duplicate holders.
 */
export function requestSimulatedTicket(
  scenario: Scenario,
  spn: string,
  decryptingAccount: string | null,
): SimulatedTicketAnswer {
  const { machine } = scenario;
  if (machine.user.kind === 'local' || machine.domain === null) {
    return {
      ok: false,
      outcome: 'no-credentials',
      message: `SEC_E_NO_CREDENTIALS (0x8009030e): ${machine.user.domain}\\${machine.user.name} is not signed in to a domain, so there are no Kerberos credentials`,
    };
  }
  if (!kdcReachable(scenario)) {
    const dc = domainControllerOf(scenario);
    return {
      ok: false,
      outcome: 'kdc-unreachable',
      message: `0xc000005e: there are currently no logon servers available (${dc ? `${dc.name} does not answer on port 88` : 'no domain controller found'})`,
    };
  }
  const offset = scenario.workstation?.clockOffsetSeconds ?? 0;
  if (Math.abs(offset) >= maximumSkewSeconds) {
    return {
      ok: false,
      outcome: 'clock-skew',
      message: `KRB_AP_ERR_SKEW (37): this computer's clock is ${Math.round(offset)} s off the domain controller's`,
    };
  }
  const realm = realmOf(scenario) ?? machine.domain.toUpperCase();
  const holders = scenario.directory ? spnHolders(scenario, spn) : [];
  const known = scenario.directory ? holders.length > 0 : knownWithoutDirectory(scenario, spn);
  const wanted = decryptingAccount === null ? null : samKey(decryptingAccount);
  const holder =
    holders.find((account) => wanted !== null && samKey(account.samAccountName) !== wanted) ??
    holders[0] ??
    null;

  const cached = (scenario.workstation?.tickets ?? []).find(
    (ticket) => spnKey(ticket.server) === spnKey(spn),
  );
  if (cached) {
    const etype =
      klistEncryptionTypes.find(([pattern]) => pattern.test(cached.encryptionType))?.[1] ??
      encryptionTypeNumbers.AES256;
    const holderKeys: readonly number[] = (holder?.supportedEncryptionTypes ?? strongestFirst).map(
      (name) => encryptionTypeNumbers[name],
    );
    // klist prints local times in the user's locale: only a reading that is surely earlier counts.
    const changedAt = holder?.servicePrincipalNameChanged
      ? localTimeText(holder.servicePrincipalNameChanged)
      : null;
    const predatesChange = changedAt !== null && klistTimeBefore(cached.startTime, changedAt) === true;
    return {
      ok: true,
      ticket: {
        spn: cached.server,
        realm,
        etype,
        kvno: simulatedKeyVersion,
        holder: known ? (holder?.samAccountName ?? null) : null,
        source: 'cache',
        undecryptable:
          !known || predatesChange ? 'stale' : holderKeys.includes(etype) ? null : 'encryption-type',
      },
    };
  }
  if (!known) {
    return {
      ok: false,
      outcome: 'principal-unknown',
      message: `KDC_ERR_S_PRINCIPAL_UNKNOWN (7): no account in ${realm} holds ${spn}`,
    };
  }
  const etype = ticketEncryptionType(scenario, holder);
  if (etype === null) {
    return {
      ok: false,
      outcome: 'failed',
      message: `KDC_ERR_ETYPE_NOSUPP (14): ${holder?.samAccountName ?? 'the account'} has no key of an encryption type the domain issues tickets with`,
    };
  }
  return {
    ok: true,
    ticket: {
      spn,
      realm,
      etype,
      kvno: simulatedKeyVersion,
      holder: holder?.samAccountName ?? null,
      source: 'kdc',
      undecryptable: null,
    },
  };
}
