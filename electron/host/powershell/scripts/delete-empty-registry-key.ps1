# Primitive delete-empty-registry-key: deletes a key only when it has no values and no subkeys.
# Arguments: { hive, path }. Returns { deleted: bool, absent: bool }; a key that is not empty
# is left alone and reported as deleted = false. RegistryKey.DeleteSubKey(name, $false) itself
# refuses a key with subkeys (InvalidOperationException), which covers a race with a writer.
function Invoke-IwaPrimitive {
  param($Arguments)
  $path = [string]$Arguments.path
  Assert-IwaKeyPath -Path $path
  $base = Open-IwaBaseKey -Hive ([string]$Arguments.hive)
  $separator = $path.LastIndexOf('\')
  if ($separator -lt 0) { throw (New-IwaError 'invalid-argument' 'refusing to delete a key directly below the hive') }
  $parentPath = $path.Substring(0, $separator)
  $leaf = $path.Substring($separator + 1)
  $key = $base.OpenSubKey($path, $false)
  if ($null -eq $key) { return @{ deleted = $true; absent = $true } }
  try { $isEmpty = ($key.ValueCount -eq 0 -and $key.SubKeyCount -eq 0) } finally { $key.Close() }
  if (-not $isEmpty) { return @{ deleted = $false; absent = $false } }
  $parent = $base.OpenSubKey($parentPath, $true)
  if ($null -eq $parent) { return @{ deleted = $true; absent = $true } }
  try { $parent.DeleteSubKey($leaf, $false) } finally { $parent.Close() }
  return @{ deleted = $true; absent = $false }
}
