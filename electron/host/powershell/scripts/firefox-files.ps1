# Primitive firefox-files: the signed-in user's Firefox files (reference 2.5).
# Arguments: { action: 'read', profile: null | { path, isRelative } }
#         or { action: 'write-user-js', profile: { path, isRelative }, text: string | null }.
# read returns { profilesIni, running, prefsJs, userJs } (null for a file that does not exist);
# write-user-js replaces user.js with text (null deletes it) and returns { written: true }.
# - Folder: [Environment]::GetFolderPath('ApplicationData') + '\Mozilla\Firefox' (Learn:
#   Environment.SpecialFolder.ApplicationData = %APPDATA%, the roaming profile), profiles.ini there.
# - profile is as profiles.ini names it: IsRelative=1 paths use '/' and are joined below the
#   folder; the full path must stay inside the folder (GetFullPath prefix check), so no '..'
#   can leave it. Absolute paths (IsRelative=0) must be rooted and hold no '..' segment.
# - Only the two file names prefs.js and user.js are ever opened in a profile; only user.js is written.
# - running: a firefox process in this Windows session (Process.SessionId of Get-Process), because
#   Firefox rewrites its prefs when it exits; write-user-js refuses while it runs.
# - Text is UTF-8 without BOM (Firefox writes prefs.js as UTF-8); files over 2 MiB are not read,
#   and user.js text over 512 KiB is not written (the argument JSON stays well below the 2 MB
#   JavaScriptSerializer limit 5.1's ConvertFrom-Json may apply [U]).
function Get-IwaFirefoxFolder {
  return [IO.Path]::Combine([Environment]::GetFolderPath('ApplicationData'), 'Mozilla', 'Firefox')
}
function Resolve-IwaFirefoxProfile {
  param($ProfileRef, [string]$Folder)
  $path = [string]$ProfileRef.path
  if ($path.Length -eq 0 -or $path.Length -gt 260) { throw (New-IwaError 'invalid-argument' 'profile path must be 1..260 characters') }
  foreach ($character in $path.ToCharArray()) {
    if ([int]$character -lt 0x20 -or @(34, 42, 60, 62, 63, 124) -contains [int]$character) { throw (New-IwaError 'invalid-argument' 'profile path contains a character a path cannot hold') }
  }
  if (@($path.Split([char[]]@([char]'\', [char]'/')) | Where-Object { $_ -eq '..' }).Count -gt 0) { throw (New-IwaError 'invalid-argument' 'profile path contains a .. segment') }
  if ([bool]$ProfileRef.isRelative) {
    if ([IO.Path]::IsPathRooted($path)) { throw (New-IwaError 'invalid-argument' 'a relative profile path is rooted') }
    $full = [IO.Path]::GetFullPath([IO.Path]::Combine($Folder, $path.Replace('/', '\')))
    if (-not $full.StartsWith($Folder.TrimEnd('\') + '\', [StringComparison]::OrdinalIgnoreCase)) { throw (New-IwaError 'invalid-argument' 'profile path leaves the Firefox folder') }
    return $full
  }
  if (-not [IO.Path]::IsPathRooted($path)) { throw (New-IwaError 'invalid-argument' 'an absolute profile path is not rooted') }
  return [IO.Path]::GetFullPath($path)
}
function Read-IwaFirefoxText {
  param([string]$Path)
  if (-not [IO.File]::Exists($Path)) { return $null }
  if ((New-Object IO.FileInfo($Path)).Length -gt 2097152) { throw (New-IwaError 'failed' 'a Firefox file is larger than 2 MiB') }
  return [IO.File]::ReadAllText($Path, (New-Object Text.UTF8Encoding($false)))
}
function Test-IwaFirefoxRunning {
  $session = [Diagnostics.Process]::GetCurrentProcess().SessionId
  $running = @(Get-Process -Name 'firefox' -ErrorAction SilentlyContinue | Where-Object { $_.SessionId -eq $session })
  return ($running.Count -gt 0)
}
function Invoke-IwaPrimitive {
  param($Arguments)
  $folder = Get-IwaFirefoxFolder
  $action = [string]$Arguments.action
  if ($action -eq 'read') {
    $result = @{ profilesIni = (Read-IwaFirefoxText -Path ([IO.Path]::Combine($folder, 'profiles.ini'))); running = (Test-IwaFirefoxRunning); prefsJs = $null; userJs = $null }
    if ($null -ne $Arguments.profile) {
      $directory = Resolve-IwaFirefoxProfile -ProfileRef $Arguments.profile -Folder $folder
      $result.prefsJs = Read-IwaFirefoxText -Path ([IO.Path]::Combine($directory, 'prefs.js'))
      $result.userJs = Read-IwaFirefoxText -Path ([IO.Path]::Combine($directory, 'user.js'))
    }
    return $result
  }
  if ($action -eq 'write-user-js') {
    $directory = Resolve-IwaFirefoxProfile -ProfileRef $Arguments.profile -Folder $folder
    if (-not [IO.Directory]::Exists($directory)) { throw (New-IwaError 'not-found' 'the Firefox profile folder does not exist') }
    if (Test-IwaFirefoxRunning) { throw (New-IwaError 'failed' 'Firefox is open: close every Firefox window first, or it overwrites the change when it exits') }
    $file = [IO.Path]::Combine($directory, 'user.js')
    if ($null -eq $Arguments.text) {
      if ([IO.File]::Exists($file)) { [IO.File]::Delete($file) }
    }
    else {
      $text = [string]$Arguments.text
      if ($text.Length -gt 524288) { throw (New-IwaError 'invalid-argument' 'user.js text is larger than 512 KiB') }
      [IO.File]::WriteAllText($file, $text, (New-Object Text.UTF8Encoding($false)))
    }
    return @{ written = $true }
  }
  throw (New-IwaError 'invalid-argument' 'action must be read or write-user-js')
}
