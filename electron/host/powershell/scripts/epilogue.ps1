# IWA Doctor PowerShell host - epilogue shared by every primitive (fixed, reviewed text).
# Runs the primitive defined above, wraps its value as { ok, value } or { ok, error{code,message} },
# and writes ONE line of JSON after a fixed sentinel line.
# Output is kept ASCII: every character outside 0x20-0x7E is written as a \uXXXX escape, so
# the console output code page (OEM, e.g. 437/850/932) cannot damage non-ASCII text on the
# way to Node, which decodes stdout as UTF-8.
# [Console]::Out.WriteLine bypasses Out-Default formatting (no line wrapping at the console
# width); node-powershell writes its own delimiters the same way, so the order is kept.
try {
  $IwaValue = Invoke-IwaPrimitive -Arguments $IwaArguments
  $IwaEnvelope = @{ ok = $true; value = $IwaValue }
}
catch {
  $IwaException = $_.Exception
  # .NET exceptions thrown from method calls arrive wrapped in MethodInvocationException.
  while (($IwaException -is [System.Management.Automation.MethodInvocationException] -or $IwaException -is [System.Management.Automation.RuntimeException]) -and $null -ne $IwaException.InnerException) {
    $IwaException = $IwaException.InnerException
  }
  $IwaCode = 'failed'
  if ($IwaException.Data.Contains('iwaCode')) { $IwaCode = [string]$IwaException.Data['iwaCode'] }
  elseif ($IwaException -is [System.Security.SecurityException] -or $IwaException -is [System.UnauthorizedAccessException]) { $IwaCode = 'access-denied' }
  elseif ($IwaException -is [System.ArgumentException] -or $IwaException -is [System.FormatException]) { $IwaCode = 'invalid-argument' }
  elseif ($IwaException -is [System.IO.IOException]) { $IwaCode = 'failed' }
  $IwaEnvelope = @{ ok = $false; error = @{ code = $IwaCode; message = [string]$IwaException.Message } }
}
$IwaJson = ConvertTo-Json -InputObject $IwaEnvelope -Depth 10 -Compress
$IwaAsciiJson = [regex]::Replace($IwaJson, '[^\x20-\x7E]', [System.Text.RegularExpressions.MatchEvaluator] { param($match) '\u{0:x4}' -f [int][char]$match.Value })
[Console]::Out.WriteLine('::iwa-doctor-result-v1::')
[Console]::Out.WriteLine($IwaAsciiJson)
