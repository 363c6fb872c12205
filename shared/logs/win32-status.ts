/**
 * Names of the `sc-win32-status` values IIS logs next to a 401, from reference §5.2
 * (codes and names from winerror.h copies; meanings as the reference marks them).
 * The field is an unsigned 32-bit decimal: values >= 2^31 are HRESULT/NTSTATUS codes.
 */
export interface Win32StatusInfo {
  readonly code: number;
  readonly hex: string;
  readonly name: string;
  readonly meaning: string;
}

const known: readonly (readonly [number, string, string])[] = [
  [0, 'ERROR_SUCCESS', 'no error'],
  [2, 'ERROR_FILE_NOT_FOUND', 'the file was not found'],
  [5, 'ERROR_ACCESS_DENIED', 'anonymous request to a resource that needs sign-in (the normal first leg)'],
  [64, 'ERROR_NETNAME_DELETED', 'the client closed the connection'],
  [1326, 'ERROR_LOGON_FAILURE', 'bad user name or password'],
  [1909, 'ERROR_ACCOUNT_LOCKED_OUT', 'the account is locked out'],
  [0x80090301, 'SEC_E_INVALID_HANDLE', 'invalid security handle'],
  [0x80090303, 'SEC_E_TARGET_UNKNOWN', 'the target is unknown'],
  [0x80090305, 'SEC_E_SECPKG_NOT_FOUND', 'the requested security package was not found'],
  [0x80090308, 'SEC_E_INVALID_TOKEN', 'the token is invalid (NTLM legs split across connections or servers)'],
  [0x8009030c, 'SEC_E_LOGON_DENIED', 'credentials were supplied but rejected'],
  [0x8009030e, 'SEC_E_NO_CREDENTIALS', 'challenge sent mid-handshake (normal NTLM leg)'],
  [0x80090311, 'SEC_E_NO_AUTHENTICATING_AUTHORITY', 'no domain controller could be reached'],
  [0x80090322, 'SEC_E_WRONG_PRINCIPAL', 'the target principal name is incorrect'],
  [0x80090324, 'SEC_E_TIME_SKEW', 'the clocks of client and server differ too much'],
  [0x80090346, 'SEC_E_BAD_BINDINGS', "the client's channel bindings were incorrect (Extended Protection)"],
  [0xc000006d, 'STATUS_LOGON_FAILURE', 'logon failure (loopback check)'],
];

const byCode = new Map<number, Win32StatusInfo>(
  known.map(([code, name, meaning]) => [code, { code, hex: toHex(code), name, meaning }]),
);

function toHex(code: number): string {
  return `0x${code
    .toString(16)
    .toUpperCase()
    .padStart(code > 0xffff ? 8 : 1, '0')}`;
}

/** Name and meaning of a logged win32 status; unknown codes keep their number and hex. */
export function describeWin32Status(code: number): Win32StatusInfo {
  return (
    byCode.get(code) ?? {
      code,
      hex: toHex(code),
      name: 'unknown',
      meaning: 'not in the reference table (§5.2)',
    }
  );
}

/** The well-known codes by name, for pattern rules. */
export const win32 = {
  accessDenied: 5,
  logonFailure: 1326,
  invalidToken: 0x80090308,
  logonDenied: 0x8009030c,
  noCredentials: 0x8009030e,
  wrongPrincipal: 0x80090322,
  timeSkew: 0x80090324,
  badBindings: 0x80090346,
  statusLogonFailure: 0xc000006d,
} as const;
