# Primitive machine-identity: who and where this session runs (no arguments used).
# Sources: Win32_ComputerSystem (PartOfDomain, Domain = DNS domain when joined),
# Win32_OperatingSystem (Caption, Version, BuildNumber, ProductType 1 = workstation,
# 2 = domain controller, 3 = server), WindowsIdentity.GetCurrent (DOMAIN\user), and
# WindowsPrincipal.IsInRole(Administrator) for elevation (Learn pages of those classes).
# The NetBIOS domain comes from Win32_NTDomain.DomainName of the joined domain [U: the
# class enumerates the machine's own domain; not executed on Windows yet].
function Invoke-IwaPrimitive {
  param($Arguments)
  $computerSystem = Get-CimInstance -ClassName Win32_ComputerSystem -OperationTimeoutSec 20
  $operatingSystem = Get-CimInstance -ClassName Win32_OperatingSystem -OperationTimeoutSec 20
  $computerName = [Environment]::MachineName
  $dnsDomain = $null
  $netbiosDomain = $null
  if ($computerSystem.PartOfDomain) {
    $dnsDomain = [string]$computerSystem.Domain
    try {
      $ntDomain = @(Get-CimInstance -ClassName Win32_NTDomain -OperationTimeoutSec 20 | Where-Object { $_.DomainName -and $_.DnsForestName })
      if ($ntDomain.Count -gt 0) { $netbiosDomain = [string]$ntDomain[0].DomainName }
    }
    catch { $netbiosDomain = $null }
  }
  $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
  $principal = New-Object System.Security.Principal.WindowsPrincipal($identity)
  $accountName = [string]$identity.Name
  $separator = $accountName.IndexOf('\')
  $userDomain = ''
  $userName = $accountName
  if ($separator -ge 0) {
    $userDomain = $accountName.Substring(0, $separator)
    $userName = $accountName.Substring($separator + 1)
  }
  # A local account's domain part is the computer name (or NT AUTHORITY for service accounts).
  $userKind = 'domain'
  if ($userDomain -eq $computerName -or $userDomain -eq 'NT AUTHORITY' -or $userDomain -eq '') { $userKind = 'local' }
  $edition = $PSVersionTable['PSEdition']
  if ($null -eq $edition) { $edition = 'Desktop' }
  return @{
    computerName = $computerName
    partOfDomain = [bool]$computerSystem.PartOfDomain
    netbiosDomain = $netbiosDomain
    dnsDomain = $dnsDomain
    user = @{ name = $userName; domain = $userDomain; kind = $userKind; sid = $identity.User.Value }
    os = @{ caption = [string]$operatingSystem.Caption; version = [string]$operatingSystem.Version; build = [string]$operatingSystem.BuildNumber; productType = [int]$operatingSystem.ProductType }
    elevated = [bool]$principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
    powershell = @{ edition = [string]$edition; version = $PSVersionTable['PSVersion'].ToString() }
    # [DateTime] (not Get-Date, whose note properties turn it into an object in 5.1 JSON);
    # 5.1 writes it as "\/Date(ms)\/". The clock-skew cause compares it with the DC (reference 6.3).
    clockUtc = [DateTime]::UtcNow
  }
}
