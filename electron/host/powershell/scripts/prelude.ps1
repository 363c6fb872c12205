# IWA Doctor PowerShell host - prelude shared by every primitive (fixed, reviewed text).
# The invocation text is: "& {" + prelude + primitive + epilogue + "} -ArgumentsBase64 '<b64>' | Out-Null".
# Data never becomes source text: the only variable part is the base64 literal, and the
# base64 alphabet [A-Za-z0-9+/=] contains neither the ASCII quote nor the typographic quotes
# PowerShell also accepts as quotes, so it cannot end the single-quoted string it sits in.
# No line of this file may be blank: powershell.exe -Command - reads stdin line by line and
# an empty line ends a multi-line block early (ConsoleHost InputLoop "block mode").
param([Parameter(Mandatory = $true)][ValidatePattern('^[A-Za-z0-9+/]*={0,2}$')][string]$ArgumentsBase64)
Set-StrictMode -Version 1.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
#
# The one place arguments enter: base64 -> UTF-8 bytes -> JSON text -> objects.
$IwaArguments = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgumentsBase64)) | ConvertFrom-Json
#
# Errors carry a code the TypeScript side maps to HostError codes.
function New-IwaError {
  param([Parameter(Mandatory = $true)][string]$Code, [Parameter(Mandatory = $true)][string]$Message)
  $exception = New-Object System.Exception($Message)
  $exception.Data['iwaCode'] = $Code
  return $exception
}
#
# Opens HKCU or HKLM through RegistryKey.OpenBaseKey with RegistryView.Default: the view of
# this process. A 64-bit powershell.exe sees the 64-bit view; a 32-bit one (started from a
# 32-bit parent through SysWOW64) would see WOW6432Node under HKLM\Software. The host starts
# the 64-bit powershell.exe on 64-bit Windows (see powershell-session.ts), so Default = 64-bit.
function Open-IwaBaseKey {
  param([Parameter(Mandatory = $true)][string]$Hive)
  switch ($Hive) {
    'HKCU' { return [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::CurrentUser, [Microsoft.Win32.RegistryView]::Default) }
    'HKLM' { return [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Default) }
    default { throw (New-IwaError 'invalid-argument' 'hive must be HKCU or HKLM') }
  }
}
#
# Rejects key paths the registry API would misread (reference: registry.ts schema rules).
function Assert-IwaKeyPath {
  param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Path)
  if ($Path.Length -eq 0 -or $Path.Length -gt 1024 -or $Path.StartsWith('\') -or $Path.EndsWith('\') -or $Path.Contains('\\')) {
    throw (New-IwaError 'invalid-argument' 'registry key path is empty, too long or has an empty segment')
  }
  foreach ($character in $Path.ToCharArray()) {
    if ([int]$character -lt 0x20) { throw (New-IwaError 'invalid-argument' 'registry key path contains a control character') }
  }
}
