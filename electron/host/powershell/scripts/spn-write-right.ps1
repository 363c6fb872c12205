# Primitive spn-write-right: whether the signed-in person may write servicePrincipalName on one
# Active Directory account, asked before an SPN fix is offered (issue 6; reference 3.1, 3.2).
# Arguments: { account: string } - 'DOMAIN\name' or a distinguished name 'CN=...,DC=...'.
# Returns { canWrite: bool or null, reason: string or null }; null with the reason when it
# cannot be told (no domain controller, unknown account, the object cannot be read).
# - No LDAP filter is ever built from the argument: DOMAIN\name is translated to its SID
#   (Learn: NTAccount.Translate, which asks a domain controller) and bound as LDAP://<SID=...>
#   (Learn: "Binding to an Object Using a SID"); a DN is bound as LDAP://<DN>, with '/'
#   escaped as '\/' as an ADsPath needs [U].
# - allowedAttributesEffective is the constructed attribute listing the attributes the caller
#   may write on that object (Learn: "Allowed-Attributes-Effective attribute"); RefreshCache
#   asks for it by name, since constructed attributes are not returned otherwise.
# - Only the normal session runs this: its domain credentials are the ones setspn will use.
function Invoke-IwaPrimitive {
  param($Arguments)
  $account = [string]$Arguments.account
  if ($account.Length -eq 0 -or $account.Length -gt 1024) { throw (New-IwaError 'invalid-argument' 'account must be 1..1024 characters') }
  foreach ($character in $account.ToCharArray()) {
    if ([int]$character -lt 0x20 -or [int]$character -eq 0x7f) { throw (New-IwaError 'invalid-argument' 'account contains a control character') }
  }
  try {
    if ($account.StartsWith('CN=', [StringComparison]::OrdinalIgnoreCase)) {
      $path = 'LDAP://' + $account.Replace('/', '\/')
    }
    else {
      $sid = (New-Object System.Security.Principal.NTAccount($account)).Translate([System.Security.Principal.SecurityIdentifier])
      $path = 'LDAP://<SID=' + $sid.Value + '>'
    }
    $entry = New-Object System.DirectoryServices.DirectoryEntry($path)
    try {
      $entry.RefreshCache([string[]]@('allowedAttributesEffective'))
      $allowed = @($entry.Properties['allowedAttributesEffective'] | ForEach-Object { [string]$_ })
    }
    finally {
      $entry.Dispose()
    }
    return @{ canWrite = [bool]($allowed -contains 'servicePrincipalName'); reason = $null }
  }
  catch {
    $failure = $_.Exception
    while ($null -ne $failure.InnerException) { $failure = $failure.InnerException }
    $message = ([string]$failure.Message).Trim()
    if ($message.Length -gt 300) { $message = $message.Substring(0, 300) }
    return @{ canWrite = $null; reason = $message }
  }
}
