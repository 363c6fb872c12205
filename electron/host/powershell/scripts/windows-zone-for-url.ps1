# Primitive windows-zone-for-url: asks Windows which security zone a URL maps to.
# Arguments: { url }. Reference 1.8: in Windows PowerShell 5.1 (.NET Framework)
# [System.Security.Policy.Zone]::CreateFromUrl(url).SecurityZone returns
# MyComputer|Intranet|Trusted|Internet|Untrusted|NoZone from the Internet options zone mapping.
# On PowerShell 7 (.NET 5+) Code Access Security is obsolete and the answer is meaningless
# (reference 1.8 [U]), so the primitive answers null there instead of guessing.
function Invoke-IwaPrimitive {
  param($Arguments)
  $url = [string]$Arguments.url
  if ($url.Length -eq 0 -or $url.Length -gt 32768) { throw (New-IwaError 'invalid-argument' 'url must be 1..32768 characters') }
  $edition = $PSVersionTable['PSEdition']
  $isDesktop = ($edition -eq 'Desktop') -or ($null -eq $edition -and $PSVersionTable['PSVersion'].Major -le 5)
  if (-not $isDesktop) { return @{ zone = $null; edition = [string]$edition } }
  $zone = [System.Security.Policy.Zone]::CreateFromUrl($url)
  return @{ zone = $zone.SecurityZone.ToString(); edition = 'Desktop' }
}
