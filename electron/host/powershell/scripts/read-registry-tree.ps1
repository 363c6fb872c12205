# Primitive read-registry-tree: a key, its values and its subkeys down to a depth bound.
# Arguments: { hive: 'HKCU'|'HKLM', path: string, depth: int 0..16, maxNodes: int }.
# Returns { found: bool, nodes: [ { id, parent, name, truncated, values: [ { name, kind, data } ] } ] }.
# The tree comes back FLAT (parent index per node) so ConvertTo-Json -Depth 10 can never
# truncate it, however deep the registry is.
# Data formats (RegistryKey.GetValue, Learn "RegistryValueKind"):
# - DWord: GetValue returns Int32, so 0x80000000 and above would be negative (reference 1.8);
#   reinterpreted as UInt32 through BitConverter.
# - QWord: Int64 reinterpreted as UInt64, sent as a decimal string (JSON numbers lose precision).
# - Binary: lowercase hex, two digits a byte. MultiString: string[] (forced to an array).
# - String/ExpandString: ExpandString read with DoNotExpandEnvironmentNames, so a write-back
#   keeps %VARIABLES% unexpanded.
# - Kind is sent as its name (.ToString()) because ConvertTo-Json writes enums as numbers.
function ConvertTo-IwaRegistryData {
  param($Key, [string]$Name, [string]$Kind)
  $raw = $Key.GetValue($Name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
  switch ($Kind) {
    'DWord' { return [BitConverter]::ToUInt32([BitConverter]::GetBytes([int32]$raw), 0) }
    'QWord' { return [BitConverter]::ToUInt64([BitConverter]::GetBytes([int64]$raw), 0).ToString([Globalization.CultureInfo]::InvariantCulture) }
    'Binary' { return [BitConverter]::ToString([byte[]]$raw).Replace('-', '').ToLowerInvariant() }
    'MultiString' { return , [string[]]@($raw) }
    'String' { return [string]$raw }
    'ExpandString' { return [string]$raw }
    default { return $null }
  }
}
function Invoke-IwaPrimitive {
  param($Arguments)
  Assert-IwaKeyPath -Path ([string]$Arguments.path)
  $depth = [int]$Arguments.depth
  $maxNodes = [int]$Arguments.maxNodes
  if ($depth -lt 0 -or $depth -gt 16) { throw (New-IwaError 'invalid-argument' 'depth must be 0..16') }
  if ($maxNodes -lt 1 -or $maxNodes -gt 20000) { throw (New-IwaError 'invalid-argument' 'maxNodes must be 1..20000') }
  $base = Open-IwaBaseKey -Hive ([string]$Arguments.hive)
  $root = $base.OpenSubKey([string]$Arguments.path, $false)
  if ($null -eq $root) { return @{ found = $false; nodes = @() } }
  $nodes = New-Object System.Collections.ArrayList
  # Breadth-first walk with an explicit queue: no recursion depth, bounded node count.
  $queue = New-Object System.Collections.Queue
  $rootName = $root.Name.Substring($root.Name.LastIndexOf('\') + 1)
  $queue.Enqueue(@{ key = $root; parent = -1; name = $rootName; depth = $depth })
  while ($queue.Count -gt 0) {
    $item = $queue.Dequeue()
    $key = $item.key
    $values = New-Object System.Collections.ArrayList
    foreach ($valueName in $key.GetValueNames()) {
      $kind = $key.GetValueKind($valueName).ToString()
      [void]$values.Add(@{ name = $valueName; kind = $kind; data = (ConvertTo-IwaRegistryData -Key $key -Name $valueName -Kind $kind) })
    }
    $id = $nodes.Count
    $subkeyNames = @($key.GetSubKeyNames())
    $truncated = $false
    if ($subkeyNames.Count -gt 0 -and ($item.depth -le 0 -or ($nodes.Count + $queue.Count + $subkeyNames.Count) -ge $maxNodes)) { $truncated = $true }
    [void]$nodes.Add(@{ id = $id; parent = $item.parent; name = $item.name; truncated = $truncated; values = $values.ToArray() })
    if (-not $truncated) {
      foreach ($subkeyName in $subkeyNames) {
        # A subkey we may not read (ACL) is reported as an empty truncated node, not an error.
        $child = $null
        try { $child = $key.OpenSubKey($subkeyName, $false) } catch { $child = $null }
        if ($null -eq $child) {
          [void]$nodes.Add(@{ id = $nodes.Count; parent = $id; name = $subkeyName; truncated = $true; values = @() })
        }
        else {
          $queue.Enqueue(@{ key = $child; parent = $id; name = $subkeyName; depth = $item.depth - 1 })
        }
      }
    }
    if ($key -ne $root) { $key.Close() }
  }
  $root.Close()
  return @{ found = $true; nodes = $nodes.ToArray() }
}
