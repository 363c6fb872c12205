# Primitive delete-registry-value: deletes one value; an absent key or value is not an error.
# Arguments: { hive, path, name }. RegistryKey.DeleteValue(name, throwOnMissingValue = $false).
function Invoke-IwaPrimitive {
  param($Arguments)
  Assert-IwaKeyPath -Path ([string]$Arguments.path)
  $name = [string]$Arguments.name
  if ($name.Contains([string][char]0)) { throw (New-IwaError 'invalid-argument' 'value name contains NUL') }
  $base = Open-IwaBaseKey -Hive ([string]$Arguments.hive)
  $key = $base.OpenSubKey([string]$Arguments.path, $true)
  if ($null -eq $key) { return @{ existed = $false } }
  try {
    $existed = $null -ne $key.GetValue($name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    $key.DeleteValue($name, $false)
  }
  finally { $key.Close() }
  return @{ existed = $existed }
}
