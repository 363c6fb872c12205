# Primitive start-elevated (runs in the normal, non-elevated session): starts the elevated
# Windows PowerShell through UAC with a fixed -EncodedCommand bootstrap built by
# elevated-session.ts. Arguments: { encodedCommand: base64 } -> { processId }.
# UNTESTED ON WINDOWS: this path has not been executed on a real machine.
# ProcessStartInfo with UseShellExecute = $true and Verb = 'runas' is what Start-Process -Verb
# RunAs does underneath (ShellExecuteEx); calling it directly gives the Win32Exception itself,
# whose NativeErrorCode 1223 (ERROR_CANCELLED) means the person said No at the UAC prompt
# (Learn "ProcessStartInfo.Verb", "System Error Codes (1000-1299)").
function Invoke-IwaPrimitive {
  param($Arguments)
  $encodedCommand = [string]$Arguments.encodedCommand
  # Only the base64 alphabet may reach the command line, and ShellExecuteEx parameters are
  # kept under about 2 KB (observed limit INTERNET_MAX_URL_LENGTH, see docs/powershell-host.md).
  if ($encodedCommand -notmatch '^[A-Za-z0-9+/]+={0,2}$' -or $encodedCommand.Length -gt 1900) {
    throw (New-IwaError 'invalid-argument' 'encodedCommand must be base64 of at most 1900 characters')
  }
  # No -ExecutionPolicy: execution policy governs script FILES (about_Execution_Policies);
  # an -EncodedCommand text and the scriptblocks it builds are not files.
  $powershellPath = Join-Path ([Environment]::GetFolderPath([Environment+SpecialFolder]::System)) 'WindowsPowerShell\v1.0\powershell.exe'
  $startInfo = New-Object System.Diagnostics.ProcessStartInfo
  $startInfo.FileName = $powershellPath
  $startInfo.Arguments = '-NoProfile -NonInteractive -WindowStyle Hidden -EncodedCommand ' + $encodedCommand
  $startInfo.UseShellExecute = $true
  $startInfo.Verb = 'runas'
  $startInfo.WindowStyle = [System.Diagnostics.ProcessWindowStyle]::Hidden
  try { $process = [System.Diagnostics.Process]::Start($startInfo) }
  catch {
    $inner = $_.Exception
    while ($null -ne $inner) {
      if ($inner -is [System.ComponentModel.Win32Exception] -and $inner.NativeErrorCode -eq 1223) {
        throw (New-IwaError 'elevation-refused' 'The administrator prompt (UAC) was declined.')
      }
      $inner = $inner.InnerException
    }
    throw
  }
  if ($null -eq $process) { throw (New-IwaError 'failed' 'the elevated PowerShell did not start') }
  return @{ processId = $process.Id }
}
