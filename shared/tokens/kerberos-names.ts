/**
 * Names for the numbers in Kerberos messages. Error codes: RFC 4120 §7.5.9 (names and
 * short texts cross-checked against MIT krb5/Shishi/Apache Kerby tables); the plain-words
 * hints for the codes an IIS troubleshooter meets come from reference §6.2 and §6.3.
 * Encryption types: RFC 3961 §8, RFC 3962, RFC 4757, RFC 8009. Name types: RFC 4120 §6.2.
 */
export interface KerberosErrorName {
  readonly name: string;
  readonly meaning: string;
}

const kerberosErrors: Readonly<Record<number, KerberosErrorName>> = {
  0: { name: 'KDC_ERR_NONE', meaning: 'No error' },
  1: { name: 'KDC_ERR_NAME_EXP', meaning: "Client's entry in the database has expired" },
  2: { name: 'KDC_ERR_SERVICE_EXP', meaning: "Server's entry in the database has expired" },
  3: { name: 'KDC_ERR_BAD_PVNO', meaning: 'Requested protocol version number not supported' },
  4: { name: 'KDC_ERR_C_OLD_MAST_KVNO', meaning: "Client's key encrypted in old master key" },
  5: { name: 'KDC_ERR_S_OLD_MAST_KVNO', meaning: "Server's key encrypted in old master key" },
  6: {
    name: 'KDC_ERR_C_PRINCIPAL_UNKNOWN',
    meaning: 'Client not found in the Kerberos database: the user account does not exist in that realm',
  },
  7: {
    name: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    meaning:
      'Server not found in the Kerberos database: no account holds the SPN the client asked for, so the browser falls back to NTLM or prompts',
  },
  8: {
    name: 'KDC_ERR_PRINCIPAL_NOT_UNIQUE',
    meaning:
      'Multiple principal entries in the database: the SPN is registered on more than one account (duplicate SPN)',
  },
  9: { name: 'KDC_ERR_NULL_KEY', meaning: 'The client or server has a null key' },
  10: { name: 'KDC_ERR_CANNOT_POSTDATE', meaning: 'Ticket not eligible for postdating' },
  11: { name: 'KDC_ERR_NEVER_VALID', meaning: 'Requested start time is later than end time' },
  12: { name: 'KDC_ERR_POLICY', meaning: 'KDC policy rejects the request' },
  13: { name: 'KDC_ERR_BADOPTION', meaning: 'KDC cannot accommodate the requested option' },
  14: {
    name: 'KDC_ERR_ETYPE_NOSUPP',
    meaning:
      'KDC has no support for the encryption type: client, KDC and service account share no encryption type',
  },
  15: { name: 'KDC_ERR_SUMTYPE_NOSUPP', meaning: 'KDC has no support for the checksum type' },
  16: {
    name: 'KDC_ERR_PADATA_TYPE_NOSUPP',
    meaning: 'KDC has no support for the pre-authentication data type',
  },
  17: { name: 'KDC_ERR_TRTYPE_NOSUPP', meaning: 'KDC has no support for the transited type' },
  18: {
    name: 'KDC_ERR_CLIENT_REVOKED',
    meaning: "Client's credentials have been revoked (account disabled, locked out or expired)",
  },
  19: { name: 'KDC_ERR_SERVICE_REVOKED', meaning: 'Credentials for the server have been revoked' },
  20: { name: 'KDC_ERR_TGT_REVOKED', meaning: 'TGT has been revoked' },
  21: { name: 'KDC_ERR_CLIENT_NOTYET', meaning: 'Client not yet valid; try again later' },
  22: { name: 'KDC_ERR_SERVICE_NOTYET', meaning: 'Server not yet valid; try again later' },
  23: { name: 'KDC_ERR_KEY_EXPIRED', meaning: 'Password has expired; change the password to reset' },
  24: {
    name: 'KDC_ERR_PREAUTH_FAILED',
    meaning: 'Pre-authentication information was invalid (usually a wrong password)',
  },
  25: {
    name: 'KDC_ERR_PREAUTH_REQUIRED',
    meaning: 'Additional pre-authentication required (normal first answer of an AS exchange)',
  },
  26: { name: 'KDC_ERR_SERVER_NOMATCH', meaning: "Requested server and ticket don't match" },
  27: { name: 'KDC_ERR_MUST_USE_USER2USER', meaning: 'Server principal valid for user-to-user only' },
  28: { name: 'KDC_ERR_PATH_NOT_ACCEPTED', meaning: 'KDC policy rejects the transited path' },
  29: { name: 'KDC_ERR_SVC_UNAVAILABLE', meaning: 'A service is not available' },
  31: { name: 'KRB_AP_ERR_BAD_INTEGRITY', meaning: 'Integrity check on a decrypted field failed' },
  32: { name: 'KRB_AP_ERR_TKT_EXPIRED', meaning: 'Ticket expired' },
  33: { name: 'KRB_AP_ERR_TKT_NYV', meaning: 'Ticket not yet valid' },
  34: { name: 'KRB_AP_ERR_REPEAT', meaning: 'Request is a replay' },
  35: { name: 'KRB_AP_ERR_NOT_US', meaning: "The ticket isn't for us" },
  36: { name: 'KRB_AP_ERR_BADMATCH', meaning: "Ticket and authenticator don't match" },
  37: {
    name: 'KRB_AP_ERR_SKEW',
    meaning:
      'Clock skew too great: client, server and domain controller clocks must agree within five minutes',
  },
  38: { name: 'KRB_AP_ERR_BADADDR', meaning: 'Incorrect net address' },
  39: { name: 'KRB_AP_ERR_BADVERSION', meaning: 'Protocol version mismatch' },
  40: { name: 'KRB_AP_ERR_MSG_TYPE', meaning: 'Invalid message type' },
  41: {
    name: 'KRB_AP_ERR_MODIFIED',
    meaning:
      'Message stream modified: the server could not decrypt the ticket, so it was issued for a different account than the one running the site (SPN on the wrong or a duplicate account, stale password, or DNS pointing at another server)',
  },
  42: { name: 'KRB_AP_ERR_BADORDER', meaning: 'Message out of order' },
  44: {
    name: 'KRB_AP_ERR_BADKEYVER',
    meaning:
      'Specified version of key is not available (the service key changed since the ticket was issued)',
  },
  45: { name: 'KRB_AP_ERR_NOKEY', meaning: 'Service key not available' },
  46: { name: 'KRB_AP_ERR_MUT_FAIL', meaning: 'Mutual authentication failed' },
  47: { name: 'KRB_AP_ERR_BADDIRECTION', meaning: 'Incorrect message direction' },
  48: { name: 'KRB_AP_ERR_METHOD', meaning: 'Alternative authentication method required' },
  49: { name: 'KRB_AP_ERR_BADSEQ', meaning: 'Incorrect sequence number in message' },
  50: { name: 'KRB_AP_ERR_INAPP_CKSUM', meaning: 'Inappropriate type of checksum in message' },
  51: { name: 'KRB_AP_PATH_NOT_ACCEPTED', meaning: 'Policy rejects the transited path' },
  52: { name: 'KRB_ERR_RESPONSE_TOO_BIG', meaning: 'Response too big for UDP; retry with TCP' },
  60: { name: 'KRB_ERR_GENERIC', meaning: 'Generic error (description in e-text)' },
  61: { name: 'KRB_ERR_FIELD_TOOLONG', meaning: 'Field is too long for this implementation' },
  62: { name: 'KDC_ERROR_CLIENT_NOT_TRUSTED', meaning: 'PKINIT: client not trusted' },
  63: { name: 'KDC_ERROR_KDC_NOT_TRUSTED', meaning: 'PKINIT: KDC not trusted' },
  64: { name: 'KDC_ERROR_INVALID_SIG', meaning: 'PKINIT: invalid signature' },
  65: { name: 'KDC_ERR_KEY_TOO_WEAK', meaning: 'PKINIT: key too weak' },
  66: { name: 'KDC_ERR_CERTIFICATE_MISMATCH', meaning: 'PKINIT: certificate mismatch' },
  67: { name: 'KRB_AP_ERR_NO_TGT', meaning: 'No TGT available to validate user-to-user' },
  68: { name: 'KDC_ERR_WRONG_REALM', meaning: 'Wrong realm' },
  69: { name: 'KRB_AP_ERR_USER_TO_USER_REQUIRED', meaning: 'Ticket must be for user-to-user' },
  70: { name: 'KDC_ERR_CANT_VERIFY_CERTIFICATE', meaning: 'PKINIT: cannot verify certificate' },
  71: { name: 'KDC_ERR_INVALID_CERTIFICATE', meaning: 'PKINIT: invalid certificate' },
  72: { name: 'KDC_ERR_REVOKED_CERTIFICATE', meaning: 'PKINIT: revoked certificate' },
  73: { name: 'KDC_ERR_REVOCATION_STATUS_UNKNOWN', meaning: 'PKINIT: revocation status unknown' },
  74: { name: 'KDC_ERR_REVOCATION_STATUS_UNAVAILABLE', meaning: 'PKINIT: revocation status unavailable' },
  75: { name: 'KDC_ERR_CLIENT_NAME_MISMATCH', meaning: 'PKINIT: client name mismatch' },
  76: { name: 'KDC_ERR_KDC_NAME_MISMATCH', meaning: 'PKINIT: KDC name mismatch' },
};

export function kerberosErrorName(code: number): KerberosErrorName {
  return (
    kerberosErrors[code] ?? { name: `UNKNOWN_ERROR_${code}`, meaning: 'Error code not listed in RFC 4120' }
  );
}

const encryptionTypes: Readonly<Record<number, string>> = {
  1: 'des-cbc-crc',
  2: 'des-cbc-md4',
  3: 'des-cbc-md5',
  5: 'des3-cbc-md5',
  7: 'des3-cbc-sha1',
  16: 'des3-cbc-sha1-kd',
  17: 'aes128-cts-hmac-sha1-96',
  18: 'aes256-cts-hmac-sha1-96',
  19: 'aes128-cts-hmac-sha256-128',
  20: 'aes256-cts-hmac-sha384-192',
  23: 'rc4-hmac',
  24: 'rc4-hmac-exp',
  25: 'camellia128-cts-cmac',
  26: 'camellia256-cts-cmac',
};

export function encryptionTypeName(etype: number): string {
  return encryptionTypes[etype] ?? `unknown etype ${etype}`;
}

const nameTypes: Readonly<Record<number, string>> = {
  0: 'NT-UNKNOWN',
  1: 'NT-PRINCIPAL',
  2: 'NT-SRV-INST',
  3: 'NT-SRV-HST',
  4: 'NT-SRV-XHST',
  5: 'NT-UID',
  6: 'NT-X500-PRINCIPAL',
  7: 'NT-SMTP-NAME',
  10: 'NT-ENTERPRISE',
  11: 'NT-WELLKNOWN',
};

export function principalNameTypeName(nameType: number): string {
  return nameTypes[nameType] ?? `unknown name type ${nameType}`;
}

/** APOptions bits (RFC 4120 §5.5.1); bit 0 is the most significant bit. */
export const apOptionBits: readonly string[] = ['reserved', 'use-session-key', 'mutual-required'];
