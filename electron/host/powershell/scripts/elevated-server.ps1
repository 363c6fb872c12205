# Elevated server, stage 2. UNTESTED ON WINDOWS: this path has not been executed on a real machine.
# Runs inside the elevated powershell.exe after stage 1 verified the bundle's SHA-256.
# Protocol on the pipe, one message a line, each line base64 of UTF-8 JSON:
#   child  -> parent { t: 'hello', nonce }                       (nonce: 32 random bytes, base64)
#   parent -> child  { t: 'challenge', nonce, mac }              mac = HMAC-SHA256(secret, 'server|' + child nonce)
#   child  -> parent { t: 'ready', mac }                         mac = HMAC-SHA256(secret, 'client|' + parent nonce)
#   parent -> child  { t: 'run', id, primitive, argumentsBase64 } -> child { t: 'result', id, output, failure }
#   parent -> child  { t: 'exit' }
# Both sides prove they know the secret without sending it. Only the primitives of the bundle
# can run, with their arguments still base64 JSON decoded inside the fixed prelude.
param($Pipe, $Reader, $Bundle, [string]$Secret)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$writer = New-Object IO.StreamWriter($Pipe, (New-Object Text.UTF8Encoding($false)))
$writer.AutoFlush = $true
$writer.NewLine = "`n"
function Send-IwaMessage {
  param($Message)
  $json = ConvertTo-Json -InputObject $Message -Depth 5 -Compress
  $writer.WriteLine([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json)))
}
function Receive-IwaMessage {
  $line = $Reader.ReadLine()
  if ($null -eq $line) { return $null }
  return ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($line)) | ConvertFrom-Json)
}
function Get-IwaMac {
  param([string]$Text)
  $hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Secret))
  return [Convert]::ToBase64String($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($Text)))
}
function Test-IwaSameText {
  param([string]$Left, [string]$Right)
  # Compares every character even after a difference, so timing does not reveal the prefix.
  if ($Left.Length -ne $Right.Length) { return $false }
  $difference = 0
  for ($index = 0; $index -lt $Left.Length; $index++) { $difference = $difference -bor ([int]$Left[$index] -bxor [int]$Right[$index]) }
  return ($difference -eq 0)
}
$nonceBytes = New-Object byte[] 32
(New-Object Security.Cryptography.RNGCryptoServiceProvider).GetBytes($nonceBytes)
$childNonce = [Convert]::ToBase64String($nonceBytes)
Send-IwaMessage @{ t = 'hello'; nonce = $childNonce }
$challenge = Receive-IwaMessage
if ($null -eq $challenge -or $challenge.t -cne 'challenge') { exit 4 }
if (-not (Test-IwaSameText ([string]$challenge.mac) (Get-IwaMac ('server|' + $childNonce)))) { exit 5 }
Send-IwaMessage @{ t = 'ready'; mac = (Get-IwaMac ('client|' + [string]$challenge.nonce)) }
#
# One scriptblock per primitive, from the verified bundle: prelude + primitive + epilogue,
# the same text the normal session receives through stdin.
$allowedPrimitives = @('machine-identity', 'read-registry-tree', 'set-registry-value', 'delete-registry-value', 'delete-empty-registry-key', 'run-tool', 'windows-zone-for-url')
$blocks = @{}
foreach ($primitiveName in $allowedPrimitives) {
  $verifiedScriptText = [string]$Bundle.prelude + "`n" + [string]$Bundle.primitives.$primitiveName + "`n" + [string]$Bundle.epilogue
  $blocks[$primitiveName] = [scriptblock]::Create($verifiedScriptText)
}
while ($true) {
  $message = Receive-IwaMessage
  if ($null -eq $message -or $message.t -cne 'run') { break }
  $failure = $null
  $capture = New-Object IO.StringWriter
  $console = [Console]::Out
  try {
    if (-not $blocks.ContainsKey([string]$message.primitive)) { throw 'primitive is not on the elevated allow-list' }
    # HKCU of an elevated process can be another person's hive (over-the-shoulder elevation):
    # user-scope changes are made without elevation, never here.
    $decoded = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String([string]$message.argumentsBase64)) | ConvertFrom-Json
    if ($decoded.PSObject.Properties['hive'] -and [string]$decoded.hive -ne 'HKLM') { throw 'the elevated session only touches HKLM' }
    $block = $blocks[[string]$message.primitive]
    [Console]::SetOut($capture)
    & $block -ArgumentsBase64 ([string]$message.argumentsBase64) | Out-Null
  }
  catch { $failure = [string]$_.Exception.Message }
  finally { [Console]::SetOut($console) }
  Send-IwaMessage @{ t = 'result'; id = $message.id; output = $capture.ToString(); failure = $failure }
}
$Pipe.Dispose()
