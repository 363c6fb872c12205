# Primitive spn-change-time: when the servicePrincipalName attribute of one Active Directory
# account last changed, so stale-ticket can tell a cached service ticket issued before an SPN fix
# (issue 5; causes.md "a cached service ticket for the SPN predates the change"). The reference
# does not cover this attribute; everything below is [U] until run on a domain member.
# Arguments: { account: string } - a distinguished name 'CN=...,DC=...' as setspn -Q prints it.
# Returns { changedAt: string or null, reason: string or null }: changedAt is this computer's
# local time 'yyyy-MM-ddTHH:mm:ss' (the clock klist prints ticket times in); null with the
# reason when it cannot be told (no domain controller, no such account, no change recorded).
# - No LDAP filter is ever built from the argument: the DN is bound as LDAP://<DN>, with '/'
#   escaped as '\/' as an ADsPath needs (as spn-write-right.ps1) [U].
# - msDS-ReplAttributeMetaData is a constructed attribute (Learn: "ms-DS-Repl-Attribute-Meta-Data
#   attribute"): one XML document per replicated attribute, a DS_REPL_ATTR_META_DATA element with
#   pszAttributeName and ftimeLastOriginatingChange in UTC (Learn: DS_REPL_ATTR_META_DATA
#   structure) [U: no capture read]. RefreshCache asks for it by name, since constructed
#   attributes are not returned otherwise. A NUL character some values end with is removed
#   before the text is read as XML [U].
# - Only the normal session runs this: it is the signed-in person's view of the directory.
function Invoke-IwaPrimitive {
  param($Arguments)
  $account = [string]$Arguments.account
  if ($account.Length -eq 0 -or $account.Length -gt 1024) { throw (New-IwaError 'invalid-argument' 'account must be 1..1024 characters') }
  foreach ($character in $account.ToCharArray()) {
    if ([int]$character -lt 0x20 -or [int]$character -eq 0x7f) { throw (New-IwaError 'invalid-argument' 'account contains a control character') }
  }
  if (-not $account.StartsWith('CN=', [StringComparison]::OrdinalIgnoreCase)) { throw (New-IwaError 'invalid-argument' 'account must be a distinguished name CN=...') }
  try {
    $entry = New-Object System.DirectoryServices.DirectoryEntry('LDAP://' + $account.Replace('/', '\/'))
    $changed = $null
    try {
      $entry.RefreshCache([string[]]@('msDS-ReplAttributeMetaData'))
      foreach ($value in @($entry.Properties['msDS-ReplAttributeMetaData'])) {
        $text = ([string]$value).Replace([string][char]0, '')
        $metadata = ([xml]$text).DS_REPL_ATTR_META_DATA
        if ($null -ne $metadata -and [string]$metadata.pszAttributeName -eq 'servicePrincipalName') {
          $styles = [Globalization.DateTimeStyles]::AssumeUniversal -bor [Globalization.DateTimeStyles]::AdjustToUniversal
          $changed = [DateTime]::Parse([string]$metadata.ftimeLastOriginatingChange, [Globalization.CultureInfo]::InvariantCulture, $styles)
        }
      }
    }
    finally {
      $entry.Dispose()
    }
    if ($null -eq $changed) { return @{ changedAt = $null; reason = 'the directory records no change of servicePrincipalName for this account' } }
    return @{ changedAt = $changed.ToLocalTime().ToString('yyyy-MM-ddTHH:mm:ss', [Globalization.CultureInfo]::InvariantCulture); reason = $null }
  }
  catch {
    $failure = $_.Exception
    while ($null -ne $failure.InnerException) { $failure = $failure.InnerException }
    $message = ([string]$failure.Message).Trim()
    if ($message.Length -gt 300) { $message = $message.Substring(0, 300) }
    return @{ changedAt = $null; reason = $message }
  }
}
