# Primitive read-kerberos-events: recent Kerberos events of this machine's System log.
# Arguments: { sinceHours: int 1..720, maxEvents: int 1..200 } - numbers only; the log, the
# providers and the event ids are fixed here (reference 6.2): Microsoft-Windows-Security-Kerberos
# 3 (KRB-ERROR received) and 4 (KRB_AP_ERR_MODIFIED), and on a domain controller
# Microsoft-Windows-Kerberos-Key-Distribution-Center 11 (duplicate name), 14, 16, 27 (etype).
# Returns { events: [{ log, source, id, time, message, data: [{ name, value }] }], skipped: [{ source, reason }] }.
# Get-WinEvent -FilterHashtable (Learn "Get-WinEvent", "Creating Get-WinEvent queries with
# FilterHashtable") throws when nothing matches (FullyQualifiedErrorId NoMatchingEventsFound [U]):
# that is an empty answer, not an error. Any other failure of one provider (no KDC provider on a
# member server, access denied) is reported in skipped and the other provider is still read.
# TimeCreated is sent as an ISO 8601 UTC string, so no 5.1 \/Date()\/ form reaches Node.
function ConvertTo-IwaEventData {
  param($WinEvent)
  $items = New-Object System.Collections.ArrayList
  $xml = [xml]$WinEvent.ToXml()
  $eventData = $xml.DocumentElement.Item('EventData')
  if ($null -eq $eventData) { return ,$items.ToArray() }
  foreach ($node in $eventData.ChildNodes) {
    if ($items.Count -ge 32) { break }
    if ($node.NodeType -ne [System.Xml.XmlNodeType]::Element) { continue }
    $name = $node.GetAttribute('Name')
    if ($name.Length -eq 0) { $name = $null }
    $value = [string]$node.InnerText
    if ($value.Length -gt 1000) { $value = $value.Substring(0, 1000) }
    [void]$items.Add(@{ name = $name; value = $value })
  }
  return ,$items.ToArray()
}
function Invoke-IwaPrimitive {
  param($Arguments)
  $sinceHours = [int]$Arguments.sinceHours
  $maxEvents = [int]$Arguments.maxEvents
  if ($sinceHours -lt 1 -or $sinceHours -gt 720) { throw (New-IwaError 'invalid-argument' 'sinceHours must be 1..720') }
  if ($maxEvents -lt 1 -or $maxEvents -gt 200) { throw (New-IwaError 'invalid-argument' 'maxEvents must be 1..200') }
  $startTime = (Get-Date).AddHours(-$sinceHours)
  $queries = @(
    @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-Security-Kerberos'; Id = @(3, 4); StartTime = $startTime },
    @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-Kerberos-Key-Distribution-Center'; Id = @(11, 14, 16, 27); StartTime = $startTime }
  )
  $events = New-Object System.Collections.ArrayList
  $skipped = New-Object System.Collections.ArrayList
  foreach ($query in $queries) {
    $found = @()
    try {
      $found = @(Get-WinEvent -FilterHashtable $query -MaxEvents $maxEvents -ErrorAction Stop)
    }
    catch {
      if ([string]$_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') {
        [void]$skipped.Add(@{ source = $query.ProviderName; reason = [string]$_.Exception.Message })
      }
      continue
    }
    foreach ($winEvent in $found) {
      $message = [string]$winEvent.Message
      if ($message.Length -gt 4000) { $message = $message.Substring(0, 4000) }
      $time = $null
      if ($null -ne $winEvent.TimeCreated) { $time = $winEvent.TimeCreated.ToUniversalTime().ToString('o') }
      [void]$events.Add(@{
        log = [string]$winEvent.LogName
        source = [string]$winEvent.ProviderName
        id = [int]$winEvent.Id
        time = $time
        message = $message
        data = (ConvertTo-IwaEventData -WinEvent $winEvent)
      })
    }
  }
  return @{ events = $events.ToArray(); skipped = $skipped.ToArray() }
}
