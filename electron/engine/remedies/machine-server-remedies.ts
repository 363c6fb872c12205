/**
 * Machine-scope remedies on the IIS server (issue 6): the loopback-check exception
 * (`BackConnectionHostNames`, reference §7.1, KB 896861) and the http.sys header limits
 * (`MaxFieldLength`/`MaxRequestBytes`, §7.2, KB 820129 / KB 2020943). Both are HKLM values,
 * so they run in the elevated host; the runner journals the previous value (or its absence,
 * or its wrong type) and undo writes exactly that back. Neither takes effect until the
 * service that reads it restarts — the plan says so before anything is applied.
 */
import { formatRegistryKey, type RegistryValue } from '../../../shared/host/registry.js';
import { httpSysDefaults, httpSysMaxima, httpSysParametersKey } from '../../../shared/iis/httpsys-limits.js';
import { msv1_0Key } from '../../../shared/iis/loopback-settings.js';
import type { ChangeOperation } from '../../../shared/model/change-plan.js';
import type { Host } from '../../host/host.js';
import { RemedyPreconditionError } from './remedy.js';
import { numberParam, stringParam, type ServerRemedyDefinition } from './server-remedy.js';

type RegistryWrite = Extract<ChangeOperation, { op: 'registry.setValue' }>;

async function readValue(
  host: Host,
  key: { hive: 'HKLM'; path: string },
  name: string,
): Promise<RegistryValue | null> {
  const node = await host.readRegistryTree(key, 0);
  return node?.values.find((entry) => entry.name.toLowerCase() === name.toLowerCase())?.value ?? null;
}

/** reg.exe's own syntax for the line a person reads; REG_MULTI_SZ items are separated by `\0`. */
function regAddLine(operation: RegistryWrite): string {
  const { value } = operation;
  const data =
    value.type === 'REG_DWORD'
      ? String(value.data)
      : value.type === 'REG_MULTI_SZ'
        ? `"${value.data.join('\\0')}"`
        : `"${String(value.data)}"`;
  return `reg add "${formatRegistryKey(operation.key)}" /v ${operation.name} /t ${value.type} /d ${data} /f`;
}

const hostNamePattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*$/;

export const machineBackConnectionHostName: ServerRemedyDefinition = {
  id: 'machine.back-connection-host-name',
  needsElevation: true,
  async change(params, { host }) {
    const name = stringParam(params, 'host').toLowerCase();
    if (!hostNamePattern.test(name))
      throw new RemedyPreconditionError(
        `"${name.slice(0, 60)}" is not a host name that can be listed in BackConnectionHostNames`,
      );
    const current = await readValue(host, msv1_0Key, 'BackConnectionHostNames');
    const listed = current?.type === 'REG_MULTI_SZ' ? current.data : [];
    if (listed.some((item) => item.trim().toLowerCase() === name))
      throw new RemedyPreconditionError(`${name} is already in BackConnectionHostNames`);
    const operation: RegistryWrite = {
      op: 'registry.setValue',
      key: msv1_0Key,
      name: 'BackConnectionHostNames',
      value: { type: 'REG_MULTI_SZ', data: [...listed, name] },
    };
    return {
      summary: `Windows will accept NTLM sign-in from this server to itself under the name ${name} (the loopback check stays on for every other name).`,
      operations: [operation],
      exactChange: [regAddLine(operation)],
      restartRequired: { what: 'server', setting: 'BackConnectionHostNames' },
      notes: [
        'Restart needed: Windows reads this list when it starts. After applying, restart this server for it to take effect (KB 896861).',
        ...(current && current.type !== 'REG_MULTI_SZ'
          ? [
              `BackConnectionHostNames exists as ${current.type}, which Windows ignores; it is replaced by a REG_MULTI_SZ (undo restores the ${current.type}).`,
            ]
          : []),
        current === null ? 'Undo deletes the value again.' : 'Undo restores the previous list exactly.',
      ],
    };
  },
};

export const machineHttpSysLimits: ServerRemedyDefinition = {
  id: 'machine.httpsys-limits',
  needsElevation: true,
  async change(params, { host }) {
    const wanted = {
      MaxFieldLength: Math.min(numberParam(params, 'maxFieldLength'), httpSysMaxima.maxFieldLength),
      MaxRequestBytes: Math.min(numberParam(params, 'maxRequestBytes'), httpSysMaxima.maxRequestBytes),
    };
    const defaults = {
      MaxFieldLength: httpSysDefaults.maxFieldLength,
      MaxRequestBytes: httpSysDefaults.maxRequestBytes,
    };
    const operations: RegistryWrite[] = [];
    const now: string[] = [];
    for (const name of ['MaxFieldLength', 'MaxRequestBytes'] as const) {
      const value = await readValue(host, httpSysParametersKey, name);
      const effective = value?.type === 'REG_DWORD' ? value.data : defaults[name];
      now.push(`${name} ${effective}${value === null ? ' (default)' : ''}`);
      // Never lower a limit someone raised on purpose.
      if (value?.type === 'REG_DWORD' && value.data >= wanted[name]) continue;
      operations.push({
        op: 'registry.setValue',
        key: httpSysParametersKey,
        name,
        value: { type: 'REG_DWORD', data: wanted[name] },
      });
    }
    if (operations.length === 0)
      throw new RemedyPreconditionError(`http.sys already accepts headers of this size (${now.join(', ')})`);
    return {
      summary: `http.sys will accept sign-in headers up to ${wanted.MaxFieldLength} bytes and requests up to ${wanted.MaxRequestBytes} bytes (now ${now.join(', ')}).`,
      operations,
      exactChange: operations.map(regAddLine),
      restartRequired: {
        what: 'http-service',
        setting: 'the http.sys limits (MaxFieldLength, MaxRequestBytes)',
      },
      notes: [
        'Restart needed, and every web site on this server stops for a moment: http.sys reads these limits only when it starts. ' +
          'After applying, run "net stop http /y", then "net start http" and "net start w3svc" in an administrator command prompt — or restart the server (KB 820129).',
        'Undo restores the previous values (or removes them, back to the default of 16384); it needs the same restart.',
      ],
    };
  },
};

export const machineServerRemedies: readonly ServerRemedyDefinition[] = [
  machineBackConnectionHostName,
  machineHttpSysLimits,
];
