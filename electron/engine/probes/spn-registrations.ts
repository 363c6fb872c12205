/**
 * Probe `spn:registrations`: the SPN browsers ask for this URL (reference §2.4, §7.3), who
 * holds each form (`setspn -Q HTTP/<name>` and `HOST/<name>`, which the KDC maps HTTP/ onto,
 * §3.1), the SPNs of the account that must decrypt (`setspn -L`) and duplicates
 * (`setspn -X`, exit code 1 even on success, §3.2). Setspn failures (no DC, no rights) become
 * "unreadable" facts with the command to run by hand.
 */
import { describeUnreadable, type UnreadableFact } from '../../../shared/iis/unreadable-fact.js';
import { walkDecryptionChain } from '../../../shared/rules/server/decryption-chain.js';
import type { Evidence, RawOutput } from '../../../shared/model/evidence.js';
import type {
  SpnFormOwnership,
  SpnFormRole,
  SpnOwner,
  SpnRegistrationFacts,
} from '../../../shared/rules/server/server-evidence.js';
import type { AccountName } from '../../../shared/spn/account-name.js';
import { browserSpnForms } from '../../../shared/spn/browser-spn.js';
import { parseSpn } from '../../../shared/spn/service-principal-name.js';
import {
  describeAccountNotFound,
  parseSetspnDuplicates,
  parseSetspnList,
  parseSetspnQuery,
  SetspnOutputError,
} from '../../../shared/spn/setspn-output.js';
import type { Host } from '../../host/host.js';
import type { Probe } from '../probe.js';
import { iisApplicationFor } from './iis-application.js';
import { defaultCanonicalNameResolver, type CanonicalNameResolver } from './spn-canonical-name.js';

async function setspn<T>(
  host: Host,
  args: readonly string[],
  parse: (text: string) => T,
  raw: RawOutput[],
  unreadable: UnreadableFact[],
  what: string,
): Promise<T | null> {
  const run = await host.runTool('setspn', args);
  raw.push({ label: `setspn ${args.join(' ')}`, text: run.stdout + (run.stderr ? `\n${run.stderr}` : '') });
  const checkByHand = `setspn ${args.join(' ')}`;
  if (run.outcome === 'could-not-run') {
    unreadable.push({ what, reason: run.reason ?? 'setspn.exe could not run', checkByHand });
    return null;
  }
  try {
    return parse(run.stdout);
  } catch (error) {
    if (!(error instanceof SetspnOutputError)) throw error;
    const firstLine =
      `${run.stdout}\n${run.stderr}`
        .split(/\r?\n/)
        .find((line) => line.trim().length > 0)
        ?.trim() ?? error.message;
    unreadable.push({ what, reason: firstLine.slice(0, 200), checkByHand });
    return null;
  }
}

async function owners(
  host: Host,
  spn: string,
  raw: RawOutput[],
  unreadable: UnreadableFact[],
): Promise<SpnOwner[] | null> {
  const result = await setspn(host, ['-Q', spn], parseSetspnQuery, raw, unreadable, `who holds ${spn}`);
  if (!result) return null;
  if (result.kind !== 'query') {
    // setspn -Q names no account: "could not find account" here means its domain lookup failed.
    unreadable.push({
      what: `who holds ${spn}`,
      reason: describeAccountNotFound(result),
      checkByHand: `setspn -Q ${spn}`,
    });
    return null;
  }
  return result.objects.map((object) => ({
    dn: object.dn,
    isComputer: object.spns.some((name) => /^HOST\//i.test(name)),
  }));
}

function setspnAccountArgument(account: AccountName): string {
  return account.domain ? `${account.domain}\\${account.samAccountName}` : account.samAccountName;
}

async function accountDn(
  host: Host,
  account: AccountName,
  raw: RawOutput[],
  unreadable: UnreadableFact[],
): Promise<{ dn: string | null; spns: string[] | null }> {
  const result = await setspn(
    host,
    ['-L', setspnAccountArgument(account)],
    parseSetspnList,
    raw,
    unreadable,
    `the SPNs of ${account.display}`,
  );
  if (!result) return { dn: null, spns: null };
  if (result.kind !== 'list') {
    unreadable.push({
      what: `the SPNs of ${account.display}`,
      reason: describeAccountNotFound(result),
      checkByHand: `setspn -L ${setspnAccountArgument(account)}`,
    });
    return { dn: null, spns: null };
  }
  return { dn: result.accountDn, spns: [...result.spns] };
}

export function createSpnRegistrationsProbe(
  resolveCanonicalName: CanonicalNameResolver = defaultCanonicalNameResolver,
): Probe {
  return {
    id: 'spn:registrations',
    title: 'Which SPN browsers ask for, and which Active Directory account holds it',
    async run({ host, target, machine, signal }) {
      const raw: RawOutput[] = [];
      const unreadable: UnreadableFact[] = [];
      const url = new URL(target.url);
      const scheme = url.protocol === 'https:' ? 'https' : 'http';
      const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
      const canonicalName = await resolveCanonicalName(host, url.hostname);
      const forms = browserSpnForms({
        host: url.hostname,
        port,
        scheme,
        canonicalName,
        dnsDomain: machine.dnsDomain,
      });

      const byForm = new Map<string, { spn: string; roles: SpnFormRole[] }>();
      const note = (spn: string | null, role: SpnFormRole): void => {
        if (!spn) return;
        const entry = byForm.get(spn.toLowerCase()) ?? { spn, roles: [] };
        entry.roles.push(role);
        byForm.set(spn.toLowerCase(), entry);
      };
      note(forms.requested, 'requested');
      note(forms.fqdnForm, 'fqdn');
      note(forms.netbiosForm, 'netbios');
      note(forms.otherPortForm, 'other-port');
      note(forms.aliasForm, 'alias');

      const ownership: SpnFormOwnership[] = [];
      for (const { spn, roles } of byForm.values()) {
        const hostForm = `HOST/${parseSpn(spn).host}`;
        ownership.push({
          spn,
          roles,
          httpOwners: await owners(host, spn, raw, unreadable),
          hostOwners: await owners(host, hostForm, raw, unreadable),
        });
      }

      const iis = await iisApplicationFor({ host, target, machine, signal });
      const decrypting = iis.facts.decrypting;
      let decryptingAccount: SpnRegistrationFacts['decryptingAccount'] = null;
      let poolAccount: SpnRegistrationFacts['poolAccount'] = null;
      if (decrypting?.account) {
        const { dn, spns } = await accountDn(host, decrypting.account, raw, unreadable);
        decryptingAccount = { account: decrypting.account, dn, spns };
      }
      if (
        decrypting?.poolAccount &&
        decrypting.poolAccount.display !== decrypting.account?.display &&
        decrypting.poolAccount.kind !== 'local'
      ) {
        poolAccount = {
          account: decrypting.poolAccount,
          dn: (await accountDn(host, decrypting.poolAccount, raw, unreadable)).dn,
        };
      }
      const duplicateReport = await setspn(
        host,
        ['-X'],
        parseSetspnDuplicates,
        raw,
        unreadable,
        'duplicate SPNs in the domain',
      );
      const interesting = new Set(byForm.keys());
      const duplicates = duplicateReport
        ? duplicateReport.groups.filter((group) => interesting.has(group.spn.toLowerCase()))
        : null;

      const facts: SpnRegistrationFacts = {
        forms,
        canonicalName,
        ownership,
        decryptingAccount,
        poolAccount,
        duplicates,
        unreadable,
      };
      const requestedOwners = ownership.find((form) => form.roles.includes('requested'));
      const holders = requestedOwners?.httpOwners?.length
        ? requestedOwners.httpOwners
        : (requestedOwners?.hostOwners ?? []);
      // The one verdict line, from the browser's SPN to the account that decrypts (issue 6), so the
      // evidence itself says it wherever it is shown; IIS facts it could not read are the IIS probe's to report.
      const verdict = walkDecryptionChain(iis.facts, facts);
      const evidence: Evidence<'spn-registrations'> = {
        id: 'spn-registrations',
        probe: 'spn:registrations',
        kind: 'spn-registrations',
        status: unreadable.length > 0 ? 'unavailable' : 'info',
        summary: [
          forms.requested === null
            ? `${url.hostname} is an IP address: browsers use NTLM, no SPN is asked for.`
            : `Browsers ask for ${forms.requested}${canonicalName ? ` (${url.hostname} is an alias of ${canonicalName})` : ''}; ` +
              `held by ${holders.length === 0 ? 'no account' : holders.map((owner) => owner.dn).join('; ')}.`,
          // An incomplete chain stops at an IIS fact the IIS probe already reports as unreadable.
          ...(verdict.complete ? [`Verdict: ${verdict.line}`] : []),
          ...unreadable.map(describeUnreadable),
        ].join(' '),
        facts,
        raw,
      };
      return [evidence];
    },
  };
}

export const spnRegistrationsProbe: Probe = createSpnRegistrationsProbe();
