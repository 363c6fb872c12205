/**
 * IIS-scope remedies (issue 6): Windows authentication on / anonymous off, providers
 * Negotiate then NTLM, useAppPoolCredentials, kernel mode off for one application, and the
 * extended-protection settings for TLS ending on a proxy. All through appcmd
 * `set config … /commit:apphost` (reference §4.2; schema and meaning §4.1, §7.4), each with
 * the appcmd call that restores the values read just before.
 */
import type { RemedyContext } from './remedy.js';
import { RemedyPreconditionError } from './remedy.js';
import type { IisSectionValues } from '../../../shared/model/tool-subject.js';
import { parseSpn } from '../../../shared/spn/service-principal-name.js';
import {
  anonymousAuthSection,
  appcmdBoolean,
  appcmdLine,
  appcmdOperation,
  checkedLocation,
  collectionKey,
  readAnonymousAuth,
  readWindowsAuth,
  windowsAuthSection,
  type AppcmdToolOperation,
} from './appcmd-config-change.js';
import { stringParam, type ServerChange, type ServerRemedyDefinition } from './server-remedy.js';

const usualProviders = ['Negotiate', 'NTLM'] as const;

function iisChange(
  summary: string,
  operations: readonly AppcmdToolOperation[],
  notes: readonly string[],
): ServerChange {
  return {
    summary,
    operations,
    exactChange: operations.map((operation) => appcmdLine(operation.run)),
    notes: [
      ...notes,
      'IIS applies the change at once (no restart); the administrator prompt (UAC) appears once for the whole fix.',
      ...operations.flatMap((operation) =>
        operation.undo ? [`Undo puts back the previous values: ${appcmdLine(operation.undo)}`] : [],
      ),
    ],
  };
}

export const iisEnableWindowsAuth: ServerRemedyDefinition = {
  id: 'iis.enable-windows-auth',
  needsElevation: true,
  async change(params, { host }: RemedyContext) {
    const location = checkedLocation(stringParam(params, 'location'));
    const windows = await readWindowsAuth(host, location);
    const anonymous = await readAnonymousAuth(host, location);
    const operations: AppcmdToolOperation[] = [];
    if (!windows.enabled) {
      operations.push(
        appcmdOperation(
          location,
          windowsAuthSection,
          {
            edits: ['/enabled:True'],
            undoEdits: ['/enabled:False'],
            before: { enabled: false },
            after: { enabled: true },
          },
          `turn on Windows authentication for ${location}`,
        ),
      );
    }
    if (anonymous.enabled) {
      operations.push(
        appcmdOperation(
          location,
          anonymousAuthSection,
          {
            edits: ['/enabled:False'],
            undoEdits: ['/enabled:True'],
            before: { enabled: true },
            after: { enabled: false },
          },
          `turn off anonymous access to ${location}`,
        ),
      );
    }
    if (operations.length === 0)
      throw new RemedyPreconditionError(
        `Windows authentication is already on and anonymous access off for ${location}`,
      );
    return iisChange(
      `IIS will ask browsers to sign in with Windows (Negotiate/NTLM) for ${location}${anonymous.enabled ? ', and stop letting visitors in without signing in' : ''}.`,
      operations,
      anonymous.enabled
        ? [
            'Anonymous access is turned off: everyone must sign in with a Windows account to use this application.',
          ]
        : [],
    );
  },
};

export const iisSetProviders: ServerRemedyDefinition = {
  id: 'iis.set-providers',
  needsElevation: true,
  async change(params, { host }) {
    const location = checkedLocation(stringParam(params, 'location'));
    const { providers } = await readWindowsAuth(host, location);
    const current = providers.map((provider) => collectionKey(provider, 'The provider'));
    if (
      current.length === usualProviders.length &&
      current.every((provider, index) => provider.toLowerCase() === usualProviders[index]?.toLowerCase())
    ) {
      throw new RemedyPreconditionError(`the providers of ${location} are already Negotiate, NTLM`);
    }
    // Clear the list, then add in order: the order is the meaning (§4.1).
    const listEdits = (list: readonly string[]) => [
      '/~providers',
      ...list.map((provider) => `/+providers.[value='${provider}']`),
    ];
    const operation = appcmdOperation(
      location,
      windowsAuthSection,
      {
        edits: listEdits(usualProviders),
        undoEdits: listEdits(current),
        before: { providers: current },
        after: { providers: [...usualProviders] },
      },
      `set the Windows authentication providers of ${location} to Negotiate, NTLM`,
    );
    return iisChange(
      `Browsers will be offered Negotiate (Kerberos, with NTLM inside it as a fallback) first, then NTLM, for ${location}. Now: ${current.join(', ') || 'none'}.`,
      [operation],
      [],
    );
  },
};

export const iisUseAppPoolCredentials: ServerRemedyDefinition = {
  id: 'iis.use-apppool-credentials',
  needsElevation: true,
  async change(params, { host }) {
    const location = checkedLocation(stringParam(params, 'location'));
    const settings = await readWindowsAuth(host, location);
    if (settings.useAppPoolCredentials)
      throw new RemedyPreconditionError(`useAppPoolCredentials is already true for ${location}`);
    return iisChange(
      `Kernel-mode authentication of ${location} will decrypt Kerberos tickets with the application pool's account, which holds the SPN, instead of the computer account.`,
      [
        appcmdOperation(
          location,
          windowsAuthSection,
          {
            edits: ['/useAppPoolCredentials:True'],
            undoEdits: [`/useAppPoolCredentials:${appcmdBoolean(settings.useAppPoolCredentials)}`],
            before: { useAppPoolCredentials: settings.useAppPoolCredentials },
            after: { useAppPoolCredentials: true },
          },
          `set useAppPoolCredentials to true for ${location}`,
        ),
      ],
      [
        'Kernel mode stays on, so IIS keeps its speed (KRB-IE: "retains the performance benefit of kernel mode authentication").',
      ],
    );
  },
};

export const iisKernelModeOff: ServerRemedyDefinition = {
  id: 'iis.kernel-mode-off',
  needsElevation: true,
  async change(params, { host }) {
    const location = checkedLocation(stringParam(params, 'location'));
    const settings = await readWindowsAuth(host, location);
    if (!settings.useKernelMode)
      throw new RemedyPreconditionError(`kernel-mode authentication is already off for ${location}`);
    return iisChange(
      `IIS itself, not the http.sys driver, will check Windows sign-ins for ${location}; Kerberos tickets are then decrypted with the application pool's account.`,
      [
        appcmdOperation(
          location,
          windowsAuthSection,
          {
            edits: ['/useKernelMode:False'],
            undoEdits: [`/useKernelMode:${appcmdBoolean(settings.useKernelMode)}`],
            before: { useKernelMode: settings.useKernelMode },
            after: { useKernelMode: false },
          },
          `turn off kernel-mode authentication for ${location}`,
        ),
      ],
      [
        'Only for this application. Sign-in becomes a little slower; if the pool runs as a domain account, that account must hold the SPN browsers ask for.',
        'The other fix for this problem is on each client (DisableNTLMPreAuth = 1, KB 2749007).',
      ],
    );
  },
};

export const iisExtendedProtectionProxy: ServerRemedyDefinition = {
  id: 'iis.extended-protection-proxy',
  needsElevation: true,
  async change(params, { host }) {
    const location = checkedLocation(stringParam(params, 'location'));
    const spn = collectionKey(stringParam(params, 'spn'), 'The SPN');
    if (parseSpn(spn).serviceClass.toUpperCase() !== 'HTTP')
      throw new RemedyPreconditionError(
        'extended protection lists only HTTP/ SPNs (IISDOCS: "Each SPN in the collection must be prefixed with HTTP")',
      );
    const { extendedProtection: epa } = await readWindowsAuth(host, location);
    const edits: string[] = [];
    const undo: string[] = [];
    const before: IisSectionValues = {};
    const after: IisSectionValues = {};
    if (!epa.flags.includes('Proxy')) {
      edits.push(`/extendedProtection.flags:${['Proxy', ...epa.flags].join(',')}`);
      undo.push(`/extendedProtection.flags:${epa.flags.length > 0 ? epa.flags.join(',') : 'None'}`);
      before.extendedProtectionFlags = [...epa.flags];
      after.extendedProtectionFlags = ['Proxy', ...epa.flags];
    }
    if (!epa.spns.some((listed) => listed.toLowerCase() === spn.toLowerCase())) {
      edits.push(`/+extendedProtection.[name='${spn}']`);
      undo.push(`/-extendedProtection.[name='${spn}']`);
      before.extendedProtectionSpns = [...epa.spns];
      after.extendedProtectionSpns = [...epa.spns, spn];
    }
    if (edits.length === 0)
      throw new RemedyPreconditionError(
        `extended protection of ${location} already has the Proxy flag and ${spn}`,
      );
    return iisChange(
      `IIS will check the name the browser signed in for (${spn}) instead of the TLS certificate, which belongs to the load balancer in front of it (reference §7.4). tokenChecking stays ${epa.tokenChecking}.`,
      [
        appcmdOperation(
          location,
          windowsAuthSection,
          { edits, undoEdits: undo, before, after },
          `use service binding for ${spn} on ${location}`,
        ),
      ],
      [],
    );
  },
};

export const iisAuthenticationRemedies: readonly ServerRemedyDefinition[] = [
  iisEnableWindowsAuth,
  iisSetProviders,
  iisUseAppPoolCredentials,
  iisKernelModeOff,
  iisExtendedProtectionProxy,
];
