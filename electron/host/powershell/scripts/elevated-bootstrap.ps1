# Elevated bootstrap, stage 1. UNTESTED ON WINDOWS: this path has not been executed on a real machine.
# Started by start-elevated.ps1 through UAC as: powershell.exe ... -EncodedCommand <this text,
# comment lines removed, wrapped as "& { ... } '<b64>'">. The whole command line must stay under
# about 2 KB (ShellExecuteEx), hence the short names and no spaces around operators. Argument (base64 of UTF-8 JSON, built by
# elevated-session.ts): { p: pipe name, s: session secret, h: base64 SHA-256 of the bundle }.
# It connects to the parent's named pipe, reads ONE line (the bundle: stage 2 and the primitive
# scripts, all fixed text), and runs stage 2 only if the bundle's SHA-256 equals h, which came
# from the parent through the UAC-launched command line. Nothing else is ever executed.
param([string]$A)
$ErrorActionPreference='Stop'
$o=[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($A))|ConvertFrom-Json
$p=[IO.Pipes.NamedPipeClientStream]::new('.',$o.p,'InOut')
$p.Connect(60000)
# The pipe carries base64 text only, so the reader's default UTF-8 decoding is exact.
$r=[IO.StreamReader]::new($p)
$b=[Convert]::FromBase64String($r.ReadLine())
# Fail closed: a bundle that is not byte for byte the one the parent hashed is never run.
if([Convert]::ToBase64String([Security.Cryptography.SHA256]::Create().ComputeHash($b)) -cne $o.h){exit 3}
$t=[Text.Encoding]::UTF8.GetString($b)|ConvertFrom-Json
$verifiedScriptText=$t.server
&([scriptblock]::Create($verifiedScriptText)) $p $r $t $o.s
