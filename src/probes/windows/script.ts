// The one PowerShell script of a Windows scan: it gathers the facts of every probe and prints one JSON document.
/**
 * How long the Windows Update search may run inside the script. It starts first and runs beside the
 * other sections, so a slow search costs at most this long; after it the answer is "unknown".
 */
export const UPDATE_SEARCH_WAIT_MS = 40_000

/*
 * Windows PowerShell 5.1, no extra modules, never localized text (platform-reference §0.4): registry values,
 * SIDs, CIM properties, ADSI numbers and GUIDs only. Sources of the formats are cited beside each read.
 * Every section, and every part inside one, is emitted as { ok, data } or { ok, error } (§0.1), so one
 * failing source loses nothing else. Dates leave the script as ISO 8601 in UTC (§0.2).
 */

const HELPERS = String.raw`
function Invoke-Part([scriptblock]$Body) {
  try {
    @{ ok = $true; data = (& $Body) }
  } catch {
    @{ ok = $false; error = [string]$_.Exception.Message }
  }
}

# Dates of Get-LocalUser, files and events carry their kind: emit them in UTC.
function ConvertTo-IsoDate($Value) {
  if ($null -eq $Value) { return $null }
  ([datetime]$Value).ToUniversalTime().ToString('o')
}

# Windows Update's COM dates are UTC (IAutomaticUpdatesResults docs) but arrive with an unspecified kind,
# which ToUniversalTime would shift by the time zone.
function ConvertTo-UtcIsoDate($Value) {
  if ($null -eq $Value) { return $null }
  [datetime]::SpecifyKind([datetime]$Value, [DateTimeKind]::Utc).ToString('o')
}

# The 64-bit registry view even if a 32-bit PowerShell runs this (§0.3).
$Hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey('LocalMachine', 'Registry64')
$Hkcu = [Microsoft.Win32.RegistryKey]::OpenBaseKey('CurrentUser', 'Registry64')

# A value as stored ($null when the key or value is missing); the comma keeps a REG_BINARY byte array whole.
function Get-RegValue($Root, [string]$Path, [string]$Name) {
  $key = $Root.OpenSubKey($Path)
  if ($null -eq $key) { return $null }
  try { ,$key.GetValue($Name, $null, 'DoNotExpandEnvironmentNames') } finally { $key.Close() }
}

function Test-RegKey($Root, [string]$Path) {
  $key = $Root.OpenSubKey($Path)
  if ($null -eq $key) { return $false }
  $key.Close()
  $true
}

# The run's token; Elevated is true only when administrator rights are in effect, not in a UAC-filtered token.
$Identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
$Principal = New-Object System.Security.Principal.WindowsPrincipal($Identity)
$Elevated = $Principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
`

const OS_SECTION = String.raw`
# HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (§3.1.1); ProductName says "Windows 10" on Windows 11 too.
function Get-OsSection {
  $path = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  $build = Get-RegValue $Hklm $path 'CurrentBuild'
  if (-not $build) { $build = Get-RegValue $Hklm $path 'CurrentBuildNumber' }
  @{
    productName = Get-RegValue $Hklm $path 'ProductName'
    editionId = Get-RegValue $Hklm $path 'EditionID'
    currentBuild = $build
    ubr = Get-RegValue $Hklm $path 'UBR'
    displayVersion = Get-RegValue $Hklm $path 'DisplayVersion'
    releaseId = Get-RegValue $Hklm $path 'ReleaseId'
    machineGuid = Get-RegValue $Hklm 'SOFTWARE\Microsoft\Cryptography' 'MachineGuid'
    architecture = $env:PROCESSOR_ARCHITECTURE
  }
}
`

const ACCOUNTS_SECTION = String.raw`
# Get-LocalUser needs no admin rights; the module is missing on Windows 8.1 and in a 32-bit PowerShell (§1.1.1).
function Get-LocalUserList {
  $users = foreach ($user in Get-LocalUser) {
    @{
      name = $user.Name
      sid = $user.SID.Value
      enabled = $user.Enabled
      passwordRequired = $user.PasswordRequired
      passwordLastSet = ConvertTo-IsoDate $user.PasswordLastSet
      passwordExpires = ConvertTo-IsoDate $user.PasswordExpires
    }
  }
  @{ users = @($users) }
}

# The WinNT provider reads the local SAM without admin rights. PasswordAge is in seconds, PasswordExpired is
# non-zero when the password expired or must be changed at next logon (learn.microsoft.com "WinNT Custom User
# Properties"); UserFlags are ADS_USER_FLAG_ENUM bits.
function Get-AdsiUserList {
  $computer = [ADSI]"WinNT://$env:COMPUTERNAME,computer"
  [void]$computer.psbase.Children.SchemaFilter.Add('user')
  $users = foreach ($entry in $computer.psbase.Children) {
    if ($entry.psbase.SchemaClassName -ne 'User') { continue }
    $properties = $entry.psbase.Properties
    @{
      name = [string]$entry.psbase.Name
      sid = (New-Object System.Security.Principal.SecurityIdentifier($properties['objectSid'].Value, 0)).Value
      userFlags = [int]$properties['UserFlags'].Value
      passwordAgeSeconds = [long]$properties['PasswordAge'].Value
      passwordExpired = [int]$properties['PasswordExpired'].Value
      maxPasswordAgeSeconds = $properties['MaxPasswordAge'].Value
    }
  }
  @{ users = @($users) }
}

# IADsDomain MaxPasswordAge, in seconds (learn.microsoft.com "IADsDomain Property Methods").
function Get-PasswordPolicy {
  $computer = [ADSI]"WinNT://$env:COMPUTERNAME"
  @{ maxPasswordAgeSeconds = $computer.psbase.Properties['MaxPasswordAge'].Value }
}

function Get-DomainMembership {
  $system = Get-CimInstance -ClassName Win32_ComputerSystem -Property PartOfDomain
  @{ partOfDomain = [bool]$system.PartOfDomain }
}

# Administrators (S-1-5-32-544) in the token, enabled or deny-only: UAC leaves it deny-only in an admin's everyday
# token (§1.1.4), where .NET lists it as a DenyOnlySid claim (WindowsIdentity reference source, AddGroupSidClaims).
function Get-AdminMembership {
  $member = @($Identity.Claims | Where-Object { $_.Value -eq 'S-1-5-32-544' }).Count -gt 0
  @{ member = $member; elevated = $Elevated }
}

# Winlogon values, all REG_SZ (§1.1.3). The stored password is never read: only whether the value exists.
function Get-AutoLogon {
  $key = $Hklm.OpenSubKey('SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon')
  try {
    @{
      autoAdminLogon = $key.GetValue('AutoAdminLogon')
      defaultUserName = $key.GetValue('DefaultUserName')
      defaultPasswordStored = $key.GetValueNames() -contains 'DefaultPassword'
    }
  } finally { $key.Close() }
}

function Get-AccountsSection {
  @{
    currentUserSid = $Identity.User.Value
    localUsers = Invoke-Part { Get-LocalUserList }
    adsiUsers = Invoke-Part { Get-AdsiUserList }
    policy = Invoke-Part { Get-PasswordPolicy }
    domain = Invoke-Part { Get-DomainMembership }
    admin = Invoke-Part { Get-AdminMembership }
    autoLogon = Invoke-Part { Get-AutoLogon }
  }
}
`

const BACKUP_SECTION = String.raw`
function Get-XmlText($Node, [string]$XPath) {
  $found = $Node.SelectSingleNode($XPath)
  if ($null -eq $found) { return $null }
  $found.InnerText
}

# Per user, no admin rights: Config1.xml (DPStatus ENABLED or DISABLED, Target/TargetUrl), the catalog that each
# protection cycle rewrites, and ProtectedUpToTime, a FILETIME stored as REG_QWORD or REG_BINARY (§2.1.1).
function Get-FileHistory {
  $folder = Join-Path $env:LOCALAPPDATA 'Microsoft\Windows\FileHistory\Configuration'
  $files = @(Get-ChildItem -LiteralPath $folder -ErrorAction SilentlyContinue)
  $config = $files | Where-Object { $_.Name -like 'Config*.xml' } | Sort-Object Name | Select-Object -First 1
  $catalog = $files | Where-Object { $_.Name -like 'Catalog*.edb' } |
    Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
  $raw = Get-RegValue $Hkcu 'Software\Microsoft\Windows\CurrentVersion\FileHistory' 'ProtectedUpToTime'
  if ($raw -is [byte[]]) { $raw = [BitConverter]::ToInt64($raw, 0) }
  $protectedUpTo = $null
  if ($raw -gt 0) { $protectedUpTo = [datetime]::FromFileTimeUtc($raw).ToString('o') }
  $status = $null
  $target = $null
  if ($null -ne $config) {
    $document = New-Object System.Xml.XmlDocument
    $document.Load($config.FullName)
    $status = Get-XmlText $document.DocumentElement 'DPStatus'
    $target = Get-XmlText $document.DocumentElement 'Target/TargetUrl'
  }
  $catalogWrittenAt = $null
  if ($null -ne $catalog) { $catalogWrittenAt = ConvertTo-IsoDate $catalog.LastWriteTimeUtc }
  @{
    configFolder = $folder
    configured = $null -ne $config
    status = $status
    targetUrl = $target
    protectedUpTo = $protectedUpTo
    catalogWrittenAt = $catalogWrittenAt
  }
}

# HKCU\Software\Microsoft\OneDrive\Accounts\<Personal|BusinessN>: KfmFoldersProtectedNow is a bit mask (512
# Desktop, 1024 Documents, 2048 Pictures: §2.1.4, UNVERIFIED); the account's times are REG_QWORD Unix seconds.
function Get-OneDrive {
  $accounts = $Hkcu.OpenSubKey('Software\Microsoft\OneDrive\Accounts')
  if ($null -eq $accounts) { return @{ accounts = @() } }
  try {
    $list = foreach ($name in $accounts.GetSubKeyNames()) {
      $key = $accounts.OpenSubKey($name)
      try {
        @{
          name = $name
          userFolder = $key.GetValue('UserFolder')
          kfmFoldersProtectedNow = $key.GetValue('KfmFoldersProtectedNow')
          lastUploadUnixSeconds = $key.GetValue('LastDAUEventTimestamp_Upload')
        }
      } finally { $key.Close() }
    }
  } finally { $accounts.Close() }
  @{ accounts = @($list) }
}

# Admin only: a standard user is refused (§2.1.3). CreationTime is a DMTF string, parsed by the agent.
function Get-RestorePoints {
  $points = @(Get-CimInstance -Namespace 'root/default' -ClassName 'SystemRestore')
  @{ creationTimes = @(foreach ($point in $points) { [string]$point.CreationTime }) }
}

# Event 4 of Microsoft-Windows-Backup: a Windows Backup or system image completed (§2.1.2). No such log or
# event throws NoMatchingLogsFound or NoMatchingEventsFound; a refused read stays an error.
function Get-WindowsBackup {
  try {
    $newest = Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-Backup'; Id = 4 } -MaxEvents 1
  } catch {
    if ([string]$_.FullyQualifiedErrorId -like 'NoMatching*') { return @{ lastSuccess = $null } }
    throw
  }
  @{ lastSuccess = ConvertTo-IsoDate $newest.TimeCreated }
}

function Get-BackupSection {
  @{
    fileHistory = Invoke-Part { Get-FileHistory }
    oneDrive = Invoke-Part { Get-OneDrive }
    restorePoints = Invoke-Part { Get-RestorePoints }
    windowsBackup = Invoke-Part { Get-WindowsBackup }
  }
}
`

const UPDATES_SECTION = String.raw`
# WSUS classification GUIDs (MS docs ff357803): Definition Updates install several times a day and Drivers are
# no patches, so neither tells that the PC is patched. KB2267602 and KB4052623 are Defender's, KB890830 the MSRT.
$RoutineCategories = @('e0789628-ce08-4437-be74-2495b842f43b', 'ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0')
function Test-RoutineUpdate($Entry) {
  foreach ($category in $Entry.Categories) {
    if ($RoutineCategories -contains [string]$category.CategoryID) { return $true }
  }
  [string]$Entry.Title -match 'KB2267602|KB4052623|KB890830'
}

# IUpdateHistoryEntry: Operation 1 is an installation, ResultCode 2 succeeded and 3 succeeded with errors
# (wuapi.h OperationResultCode; §3.1.2). Fast, and readable without admin rights.
function Get-UpdateHistory {
  $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
  $count = $searcher.GetTotalHistoryCount()
  $newest = $null
  if ($count -gt 0) {
    foreach ($entry in $searcher.QueryHistory(0, [Math]::Min($count, 1000))) {
      $installed = $entry.Operation -eq 1 -and ($entry.ResultCode -eq 2 -or $entry.ResultCode -eq 3)
      if (-not $installed -or (Test-RoutineUpdate $entry)) { continue }
      if ($null -eq $newest -or $entry.Date -gt $newest) { $newest = $entry.Date }
    }
  }
  @{ entries = $count; lastInstalled = ConvertTo-UtcIsoDate $newest }
}

# The pending search contacts Windows Update or WSUS and can take minutes (§3.1.3). It runs in a runspace of
# this process (Start-Job would start a second PowerShell) so that it can be waited for with a deadline.
$SearchScript = {
  $ErrorActionPreference = 'Stop'
  $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
  $found = $searcher.Search("IsInstalled=0 and Type='Software' and IsHidden=0")
  foreach ($update in $found.Updates) {
    @{
      kb = @(foreach ($id in $update.KBArticleIDs) { [string]$id })
      severity = [string]$update.MsrcSeverity
      categories = @(foreach ($category in $update.Categories) { [string]$category.CategoryID })
      title = [string]$update.Title
    }
  }
}

function Start-UpdateSearch {
  $shell = [PowerShell]::Create()
  [void]$shell.AddScript($SearchScript.ToString())
  @{ shell = $shell; handle = $shell.BeginInvoke(); started = [DateTime]::UtcNow }
}

function Receive-UpdateSearch($Started, [int]$WaitMs) {
  if (-not $Started.ok) { throw $Started.error }
  $running = $Started.data
  $left = $WaitMs - ([DateTime]::UtcNow - $running.started).TotalMilliseconds
  if (-not $running.handle.AsyncWaitHandle.WaitOne([int][Math]::Max(0, $left))) {
    # Not Stop(): it would wait for the COM call. The process leaves with Exit once the output is written.
    [void]$running.shell.BeginStop($null, $null)
    return @{ answered = $false; waitedSeconds = $WaitMs / 1000; checkedAt = $null; updates = @() }
  }
  $found = $running.shell.EndInvoke($running.handle)
  @{
    answered = $true
    waitedSeconds = $WaitMs / 1000
    checkedAt = [DateTime]::UtcNow.ToString('o')
    updates = @(foreach ($item in $found) { $item.BaseObject })
  }
}

# IAutomaticUpdatesResults.LastSearchSuccessDate, UTC (wuapi.h docs).
function Get-LastSearch {
  $results = (New-Object -ComObject Microsoft.Update.AutoUpdate).Results
  @{ lastSearchSuccess = ConvertTo-UtcIsoDate $results.LastSearchSuccessDate }
}

function Get-RebootPending {
  $windowsUpdate = 'SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'
  $servicing = 'SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending'
  @{ windowsUpdate = Test-RegKey $Hklm $windowsUpdate; servicing = Test-RegKey $Hklm $servicing }
}

# Policies under HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate (§3.1.4): AU\NoAutoUpdate = 1 turns
# automatic updates off, DisableWindowsUpdateAccess = 1 blocks Windows Update.
function Get-UpdatePolicy {
  $path = 'SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate'
  @{
    noAutoUpdate = Get-RegValue $Hklm "$path\AU" 'NoAutoUpdate'
    disableWindowsUpdateAccess = Get-RegValue $Hklm $path 'DisableWindowsUpdateAccess'
  }
}

# Win32_Service.StartMode is Boot, System, Auto, Manual or Disabled, never translated.
function Get-UpdateService {
  $service = Get-CimInstance -ClassName Win32_Service -Filter "Name='wuauserv'"
  if ($null -eq $service) { return @{ startMode = $null } }
  @{ startMode = [string]$service.StartMode }
}

function Get-UpdatesSection($Search, [int]$WaitMs) {
  @{
    history = Invoke-Part { Get-UpdateHistory }
    lastSearch = Invoke-Part { Get-LastSearch }
    reboot = Invoke-Part { Get-RebootPending }
    policy = Invoke-Part { Get-UpdatePolicy }
    service = Invoke-Part { Get-UpdateService }
    pending = Invoke-Part { Receive-UpdateSearch $Search $WaitMs }
  }
}
`

const FOLDERS_SECTION = String.raw`
# HKCU User Shell Folders (§4.1): Downloads is {374DE290-123F-4565-9164-39C4925E467B}, Documents is Personal;
# REG_EXPAND_SZ values such as %USERPROFILE%\Downloads are expanded here. Missing values take their default.
function Expand-Folder($Value) {
  if (-not $Value) { return $null }
  [Environment]::ExpandEnvironmentVariables([string]$Value)
}

function Get-FoldersSection {
  $path = 'Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders'
  @{
    userProfile = $env:USERPROFILE
    downloads = Expand-Folder (Get-RegValue $Hkcu $path '{374DE290-123F-4565-9164-39C4925E467B}')
    documents = Expand-Folder (Get-RegValue $Hkcu $path 'Personal')
    desktop = Expand-Folder (Get-RegValue $Hkcu $path 'Desktop')
  }
}
`

const PROTECTION_SECTIONS = String.raw`
# root/SecurityCenter2 (§4.7), absent on Windows Server; productState is decoded by the agent.
function Get-SecurityCenterProducts([string]$ClassName) {
  $products = foreach ($product in Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName $ClassName) {
    @{
      name = [string]$product.displayName
      guid = [string]$product.instanceGuid
      productExe = [string]$product.pathToSignedProductExe
      state = [long]$product.productState
    }
  }
  @{ products = @($products) }
}

# Get-MpComputerStatus (§4.6) throws 0x800106ba when another antivirus has replaced Defender.
function Get-DefenderStatus {
  $status = Get-MpComputerStatus
  @{
    runningMode = [string]$status.AMRunningMode
    serviceEnabled = [bool]$status.AMServiceEnabled
    antivirusEnabled = [bool]$status.AntivirusEnabled
    realTimeProtectionEnabled = [bool]$status.RealTimeProtectionEnabled
    signaturesUpdated = ConvertTo-IsoDate $status.AntivirusSignatureLastUpdated
    signaturesOutOfDate = $status.DefenderSignaturesOutOfDate
  }
}

function Get-AntivirusSection {
  @{
    defender = Invoke-Part { Get-DefenderStatus }
    securityCenter = Invoke-Part { Get-SecurityCenterProducts 'AntiVirusProduct' }
  }
}

# ActiveStore is the policy in effect, Group Policy included (§5.1); Enabled is a GpoBoolean, emitted by name.
function Get-FirewallProfiles {
  $profiles = foreach ($entry in Get-NetFirewallProfile -PolicyStore ActiveStore) {
    @{ name = [string]$entry.Name; enabled = [string]$entry.Enabled }
  }
  @{ profiles = @($profiles) }
}

function Get-FirewallSection {
  @{
    profiles = Invoke-Part { Get-FirewallProfiles }
    securityCenter = Invoke-Part { Get-SecurityCenterProducts 'FirewallProduct' }
  }
}

# Explorer's lock-icon property answers without admin rights (§5.2).
function Get-ShellBitLocker([string]$Drive) {
  $folder = (New-Object -ComObject Shell.Application).NameSpace("$Drive\")
  @{ protection = $folder.Self.ExtendedProperty('System.Volume.BitLockerProtection') }
}

# Admin only. ProtectionStatus 0 off, 1 on, 2 unknown; GetConversionStatus 0-5 (learn.microsoft.com SecProv).
function Get-EncryptableVolume([string]$Drive) {
  $namespace = 'root/CIMV2/Security/MicrosoftVolumeEncryption'
  $volume = Get-CimInstance -Namespace $namespace -ClassName Win32_EncryptableVolume -Filter "DriveLetter='$Drive'"
  if ($null -eq $volume) { return @{ protectionStatus = $null; conversionStatus = $null } }
  $conversion = Invoke-CimMethod -InputObject $volume -MethodName GetConversionStatus
  @{ protectionStatus = [int]$volume.ProtectionStatus; conversionStatus = [int]$conversion.ConversionStatus }
}

function Get-EncryptionSection {
  $drive = $env:SystemDrive
  $volume = $null
  if ($Elevated) { $volume = Invoke-Part { Get-EncryptableVolume $drive } }
  @{ systemDrive = $drive; shell = Invoke-Part { Get-ShellBitLocker $drive }; volume = $volume }
}
`

const SETTINGS_SECTIONS = String.raw`
# Screen saver values are REG_SZ; the policy key's values win over the user's (§5.3, Windows 2000 registry reference).
function Get-ScreenSaver($Root, [string]$Path) {
  @{
    active = Get-RegValue $Root $Path 'ScreenSaveActive'
    secure = Get-RegValue $Root $Path 'ScreenSaverIsSecure'
    timeoutSeconds = Get-RegValue $Root $Path 'ScreenSaveTimeOut'
    executable = Get-RegValue $Root $Path 'SCRNSAVE.EXE'
  }
}

function Get-ScreenLockSection {
  $system = 'SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System'
  @{
    user = Get-ScreenSaver $Hkcu 'Control Panel\Desktop'
    policy = Get-ScreenSaver $Hkcu 'Software\Policies\Microsoft\Windows\Control Panel\Desktop'
    inactivityTimeoutSecs = Get-RegValue $Hklm $system 'InactivityTimeoutSecs'
  }
}

function Get-AutorunPolicy($Root) {
  $path = 'Software\Microsoft\Windows\CurrentVersion\Policies\Explorer'
  @{
    noDriveTypeAutoRun = Get-RegValue $Root $path 'NoDriveTypeAutoRun'
    noAutorun = Get-RegValue $Root $path 'NoAutorun'
  }
}

function Get-AutorunSection {
  $handlers = 'Software\Microsoft\Windows\CurrentVersion\Explorer\AutoplayHandlers'
  @{
    machine = Get-AutorunPolicy $Hklm
    user = Get-AutorunPolicy $Hkcu
    disableAutoplay = Get-RegValue $Hkcu $handlers 'DisableAutoplay'
  }
}

# Uninstall entries (§5.4), never Win32_Product; SystemComponent = 1 hides an entry from Programs and Features.
function Get-UninstallEntries($Root) {
  $key = $Root.OpenSubKey('SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall')
  if ($null -eq $key) { return }
  try {
    foreach ($name in $key.GetSubKeyNames()) {
      $entry = $key.OpenSubKey($name)
      if ($null -eq $entry) { continue }
      try {
        $displayName = $entry.GetValue('DisplayName')
        if (-not $displayName -or $entry.GetValue('SystemComponent') -eq 1) { continue }
        @{ name = $displayName; version = $entry.GetValue('DisplayVersion'); publisher = $entry.GetValue('Publisher') }
      } finally { $entry.Close() }
    }
  } finally { $key.Close() }
}

# Both views of HKLM (32-bit programs register under WOW6432Node, §0.3) and the user's own installs.
function Get-InstalledPrograms {
  $hklm32 = [Microsoft.Win32.RegistryKey]::OpenBaseKey('LocalMachine', 'Registry32')
  @{ programs = @(foreach ($root in @($Hklm, $hklm32, $Hkcu)) { Get-UninstallEntries $root }) }
}

function Get-SoftwareSection {
  @{
    installed = Invoke-Part { Get-InstalledPrograms }
    running = Invoke-Part { @{ names = @(Get-Process | ForEach-Object { $_.ProcessName } | Sort-Object -Unique) } }
  }
}
`

const SHARING_SECTION = String.raw`
# InstallState 1 Enabled, 2 Disabled, 3 Absent (§5.5); the class may refuse a standard user (Opserver PR #252).
function Get-Smb1Feature {
  $feature = Get-CimInstance -ClassName Win32_OptionalFeature -Filter "Name='SMB1Protocol'"
  if ($null -eq $feature) { return @{ installState = $null } }
  @{ installState = [int]$feature.InstallState }
}

# The server side, readable without admin rights (MicrosoftDocs/windowsserverdocs#5477); mrxsmb10 is the client.
function Get-Smb1Section {
  $services = 'SYSTEM\CurrentControlSet\Services'
  @{
    feature = Invoke-Part { Get-Smb1Feature }
    server = Invoke-Part { @{ enabled = [bool](Get-SmbServerConfiguration).EnableSMB1Protocol } }
    clientStart = Get-RegValue $Hklm "$services\mrxsmb10" 'Start'
  }
}

# fDenyTSConnections 0 allows RDP, UserAuthentication 1 requires NLA; the policy key wins when present (§5.6).
function Get-RemoteDesktop {
  $server = 'SYSTEM\CurrentControlSet\Control\Terminal Server'
  $policy = 'SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
  @{
    deny = Get-RegValue $Hklm $server 'fDenyTSConnections'
    policyDeny = Get-RegValue $Hklm $policy 'fDenyTSConnections'
    userAuthentication = Get-RegValue $Hklm "$server\WinStations\RDP-Tcp" 'UserAuthentication'
    policyUserAuthentication = Get-RegValue $Hklm $policy 'UserAuthentication'
  }
}

# A share's binary security descriptor: the SIDs its DACL allows in (a null DACL lets everyone in).
function Get-ShareAccess([string]$Path, [string]$Name) {
  $bytes = Get-RegValue $Hklm $Path $Name
  if ($null -eq $bytes) { return @{ recorded = $false; nullDacl = $false; allowed = @() } }
  $acl = (New-Object System.Security.AccessControl.RawSecurityDescriptor -ArgumentList $bytes, 0).DiscretionaryAcl
  if ($null -eq $acl) { return @{ recorded = $true; nullDacl = $true; allowed = @() } }
  $allowed = foreach ($ace in $acl) {
    if ([string]$ace.AceQualifier -eq 'AccessAllowed') { $ace.SecurityIdentifier.Value }
  }
  @{ recorded = $true; nullDacl = $false; allowed = @($allowed) }
}

# LanmanServer\Shares holds one REG_MULTI_SZ per share (Path=, Type=) and Shares\Security its permissions
# (helgeklein.com "Where are share permissions stored"); Win32_Share refuses standard users (ansible.windows#883).
function Get-Shares {
  $path = 'SYSTEM\CurrentControlSet\Services\LanmanServer\Shares'
  $key = $Hklm.OpenSubKey($path)
  if ($null -eq $key) { return @{ shares = @() } }
  try {
    $shares = foreach ($name in $key.GetValueNames()) {
      $access = Invoke-Part { Get-ShareAccess "$path\Security" $name }
      @{ name = $name; definition = @($key.GetValue($name)); access = $access }
    }
  } finally { $key.Close() }
  @{ shares = @($shares) }
}

function Get-SharingSection {
  @{
    smb1 = Get-Smb1Section
    remoteDesktop = Get-RemoteDesktop
    shares = Invoke-Part { Get-Shares }
  }
}
`

/** The main body: the search starts first, the updates section is read last to give it the most time. */
function mainBody(searchWaitMs: number): string {
  return String.raw`
$UpdateSearch = Invoke-Part { Start-UpdateSearch }
$result = @{
  version = 1
  os = Invoke-Part { Get-OsSection }
  accounts = Invoke-Part { Get-AccountsSection }
  backup = Invoke-Part { Get-BackupSection }
  folders = Invoke-Part { Get-FoldersSection }
  antivirus = Invoke-Part { Get-AntivirusSection }
  firewall = Invoke-Part { Get-FirewallSection }
  encryption = Invoke-Part { Get-EncryptionSection }
  screenlock = Invoke-Part { Get-ScreenLockSection }
  software = Invoke-Part { Get-SoftwareSection }
  sharing = Invoke-Part { Get-SharingSection }
  autorun = Invoke-Part { Get-AutorunSection }
  updates = Invoke-Part { Get-UpdatesSection $UpdateSearch ${searchWaitMs} }
}
$json = ConvertTo-Json -InputObject $result -Depth 10 -Compress
[Console]::Out.Write($json)
[Console]::Out.Flush()
# An abandoned search may still hold its runspace thread in a COM call: leave without waiting for it.
[Environment]::Exit(0)
`
}

export const WINDOWS_FACTS_SCRIPT = [
  HELPERS,
  OS_SECTION,
  ACCOUNTS_SECTION,
  BACKUP_SECTION,
  UPDATES_SECTION,
  FOLDERS_SECTION,
  PROTECTION_SECTIONS,
  SETTINGS_SECTIONS,
  SHARING_SECTION,
  mainBody(UPDATE_SEARCH_WAIT_MS),
].join('')
