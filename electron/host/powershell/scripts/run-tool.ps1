# Primitive run-tool: runs ONE allow-listed executable with an argument array, no shell.
# Arguments: { tool: 'setspn'|'appcmd'|'klist'|'cmdkey'|'nltest'|'w32tm', args: string[], timeoutMs: int }.
# Returns { outcome: 'succeeded'|'failed'|'could-not-run', exitCode, stdout, stderr, reason, path }.
#
# The path is fixed per tool under the Windows directory, found through the known-folder API
# ([Environment]::GetFolderPath('Windows')) rather than an inherited environment variable.
function Get-IwaToolPath {
  param([string]$Tool)
  $windows = [Environment]::GetFolderPath([Environment+SpecialFolder]::Windows)
  switch -CaseSensitive ($Tool) {
    'setspn' { return (Join-Path $windows 'System32\setspn.exe') }
    'klist' { return (Join-Path $windows 'System32\klist.exe') }
    'cmdkey' { return (Join-Path $windows 'System32\cmdkey.exe') }
    'nltest' { return (Join-Path $windows 'System32\nltest.exe') }
    'w32tm' { return (Join-Path $windows 'System32\w32tm.exe') }
    'appcmd' { return (Join-Path $windows 'System32\inetsrv\appcmd.exe') }
    default { throw (New-IwaError 'invalid-argument' 'tool is not on the allow-list') }
  }
}
#
# Quotes one argument so that CommandLineToArgvW and the MSVC runtime give it back unchanged
# (Learn "Parsing C++ command-line arguments"; the algorithm of "Everyone quotes command line
# arguments the wrong way", MSDN blog, D. Colascione): quote when empty or when it contains
# space, tab, newline, vertical tab or a double quote; inside quotes, 2n backslashes + quote
# for n backslashes before a quote (+1 to escape the quote), and trailing backslashes doubled.
function ConvertTo-IwaWindowsArgument {
  param([AllowEmptyString()][string]$Argument)
  if ($Argument.Length -gt 0 -and $Argument.IndexOfAny([char[]]@([char]32, [char]9, [char]10, [char]11, [char]34)) -lt 0) { return $Argument }
  $builder = New-Object System.Text.StringBuilder
  [void]$builder.Append([char]34)
  $backslashes = 0
  foreach ($character in $Argument.ToCharArray()) {
    if ($character -eq [char]92) { $backslashes++; continue }
    if ($character -eq [char]34) {
      [void]$builder.Append([char]92, (2 * $backslashes) + 1)
      [void]$builder.Append([char]34)
    }
    else {
      if ($backslashes -gt 0) { [void]$builder.Append([char]92, $backslashes) }
      [void]$builder.Append($character)
    }
    $backslashes = 0
  }
  if ($backslashes -gt 0) { [void]$builder.Append([char]92, 2 * $backslashes) }
  [void]$builder.Append([char]34)
  return $builder.ToString()
}
#
# Console tools write in the console output code page (OEM: 437, 850, 932, ...), not UTF-8.
# [Console]::OutputEncoding is that code page for this console, which the child inherits;
# ProcessStartInfo.StandardOutputEncoding must match it or accented names come back garbled
# (Learn "Console.OutputEncoding", "ProcessStartInfo.StandardOutputEncoding"). Without a
# console, fall back to the system OEM code page (HKLM\...\Nls\CodePage OEMCP).
function Get-IwaConsoleEncoding {
  try { return [Console]::OutputEncoding }
  catch {
    $codePage = [int](Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\Nls\CodePage' -Name OEMCP).OEMCP
    return [Text.Encoding]::GetEncoding($codePage)
  }
}
function Invoke-IwaPrimitive {
  param($Arguments)
  $tool = [string]$Arguments.tool
  $path = Get-IwaToolPath -Tool $tool
  $toolArguments = @($Arguments.args)
  if ($toolArguments.Count -gt 64) { throw (New-IwaError 'invalid-argument' 'too many arguments') }
  $timeoutMs = [int]$Arguments.timeoutMs
  if ($timeoutMs -lt 1000 -or $timeoutMs -gt 600000) { throw (New-IwaError 'invalid-argument' 'timeoutMs must be 1000..600000') }
  $quoted = New-Object System.Collections.ArrayList
  foreach ($argument in $toolArguments) {
    if ($argument -isnot [string]) { throw (New-IwaError 'invalid-argument' 'every argument must be a string') }
    if ($argument.Contains([string][char]0)) { throw (New-IwaError 'invalid-argument' 'an argument contains NUL') }
    [void]$quoted.Add((ConvertTo-IwaWindowsArgument -Argument $argument))
  }
  $commandLine = [string]::Join(' ', [string[]]$quoted.ToArray())
  if ($commandLine.Length -gt 30000) { throw (New-IwaError 'invalid-argument' 'command line longer than 30000 characters') }
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
    return @{ outcome = 'could-not-run'; exitCode = $null; stdout = ''; stderr = ''; reason = "$tool.exe is not installed on this machine"; path = $path }
  }
  $encoding = Get-IwaConsoleEncoding
  $startInfo = New-Object System.Diagnostics.ProcessStartInfo
  $startInfo.FileName = $path
  $startInfo.Arguments = $commandLine
  $startInfo.UseShellExecute = $false
  $startInfo.CreateNoWindow = $true
  $startInfo.RedirectStandardInput = $true
  $startInfo.RedirectStandardOutput = $true
  $startInfo.RedirectStandardError = $true
  $startInfo.StandardOutputEncoding = $encoding
  $startInfo.StandardErrorEncoding = $encoding
  $startInfo.WorkingDirectory = [Environment]::GetFolderPath([Environment+SpecialFolder]::System)
  $process = New-Object System.Diagnostics.Process
  $process.StartInfo = $startInfo
  try { [void]$process.Start() }
  catch {
    return @{ outcome = 'could-not-run'; exitCode = $null; stdout = ''; stderr = ''; reason = "could not start $tool.exe"; path = $path }
  }
  # Closed stdin: a tool that asks a question (cmdkey, setspn confirmations) reads EOF instead of hanging.
  $process.StandardInput.Close()
  # Both pipes are drained concurrently so a full stderr buffer cannot block the child.
  $stdoutTask = $process.StandardOutput.ReadToEndAsync()
  $stderrTask = $process.StandardError.ReadToEndAsync()
  if (-not $process.WaitForExit($timeoutMs)) {
    try { $process.Kill() } catch { }
    [void]$process.WaitForExit(5000)
    return @{ outcome = 'could-not-run'; exitCode = $null; stdout = ''; stderr = ''; reason = "$tool.exe did not finish within $([int]($timeoutMs / 1000)) s and was stopped"; path = $path }
  }
  $process.WaitForExit()
  $stdout = $stdoutTask.Result
  $stderr = $stderrTask.Result
  $limit = 1048576
  if ($stdout.Length -gt $limit) { $stdout = $stdout.Substring(0, $limit) }
  if ($stderr.Length -gt $limit) { $stderr = $stderr.Substring(0, $limit) }
  $exitCode = $process.ExitCode
  $outcome = 'failed'
  if ($exitCode -eq 0) { $outcome = 'succeeded' }
  return @{ outcome = $outcome; exitCode = $exitCode; stdout = $stdout; stderr = $stderr; reason = $null; path = $path }
}
