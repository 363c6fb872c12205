# Primitive set-registry-value: sets one value, creating the key and missing parents.
# Arguments: { hive, path, name, value: { type: 'REG_DWORD'|'REG_QWORD'|'REG_SZ'|'REG_EXPAND_SZ'|'REG_MULTI_SZ'|'REG_BINARY', data } }.
# RegistryKey.CreateSubKey creates every missing key on the path (Learn "RegistryKey.CreateSubKey").
# RegistryKey.SetValue(name, value, DWord) converts with Convert.ToInt32, which throws for
# values above 0x7FFFFFFF; the unsigned number is therefore reinterpreted as Int32 bits first.
# The same for QWord (decimal string -> UInt64 -> Int64 bits).
function Invoke-IwaPrimitive {
  param($Arguments)
  Assert-IwaKeyPath -Path ([string]$Arguments.path)
  $name = [string]$Arguments.name
  if ($name.Contains([string][char]0)) { throw (New-IwaError 'invalid-argument' 'value name contains NUL') }
  $type = [string]$Arguments.value.type
  $data = $Arguments.value.data
  switch ($type) {
    'REG_DWORD' {
      $unsigned = [uint32]$data
      $kind = [Microsoft.Win32.RegistryValueKind]::DWord
      $converted = [BitConverter]::ToInt32([BitConverter]::GetBytes($unsigned), 0)
    }
    'REG_QWORD' {
      if ([string]$data -notmatch '^[0-9]{1,20}$') { throw (New-IwaError 'invalid-argument' 'REG_QWORD data must be a decimal string') }
      $unsigned = [uint64]::Parse([string]$data, [Globalization.CultureInfo]::InvariantCulture)
      $kind = [Microsoft.Win32.RegistryValueKind]::QWord
      $converted = [BitConverter]::ToInt64([BitConverter]::GetBytes($unsigned), 0)
    }
    'REG_SZ' { $kind = [Microsoft.Win32.RegistryValueKind]::String; $converted = [string]$data }
    'REG_EXPAND_SZ' { $kind = [Microsoft.Win32.RegistryValueKind]::ExpandString; $converted = [string]$data }
    'REG_MULTI_SZ' { $kind = [Microsoft.Win32.RegistryValueKind]::MultiString; $converted = [string[]]@($data) }
    'REG_BINARY' {
      $hex = [string]$data
      if ($hex -notmatch '^([0-9a-f]{2})*$') { throw (New-IwaError 'invalid-argument' 'REG_BINARY data must be lowercase hex') }
      $bytes = New-Object byte[] ($hex.Length / 2)
      for ($index = 0; $index -lt $bytes.Length; $index++) {
        $bytes[$index] = [Convert]::ToByte($hex.Substring($index * 2, 2), 16)
      }
      $kind = [Microsoft.Win32.RegistryValueKind]::Binary
      $converted = $bytes
    }
    default { throw (New-IwaError 'invalid-argument' 'unsupported registry value type') }
  }
  $base = Open-IwaBaseKey -Hive ([string]$Arguments.hive)
  $key = $base.CreateSubKey([string]$Arguments.path)
  if ($null -eq $key) { throw (New-IwaError 'failed' 'the key could not be created') }
  try { $key.SetValue($name, $converted, $kind) } finally { $key.Close() }
  return @{ written = $true }
}
