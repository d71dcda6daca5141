<#
.SYNOPSIS
    Writes a snapshot of this server's TLS state (HTTP.sys, SCHANNEL, IIS,
    certificate stores) into a folder that sslcertlint reads as it is.

.DESCRIPTION
    Run it in an elevated Windows PowerShell 5.1 or PowerShell 7 on the
    server (64-bit: a 32-bit PowerShell on a 64-bit Windows is refused, as
    file system redirection would hide System32\inetsrv\config). It writes,
    into the folder -Path:

      netsh-sslcert.txt        netsh http show sslcert (UTF-8)
      http-parameters.reg      reg export HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters
      schannel.reg             reg export HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL
      ciphersuites.json        Get-TlsCipherSuite (Windows Server 2016 and later): the cipher
                               suites Schannel offers, in order
      cipher-policy.reg        reg export HKLM\SOFTWARE\Policies\Microsoft\Cryptography\
                               Configuration\SSL\00010002, the "SSL Cipher Suite Order" policy;
                               only when a policy sets it
      applicationHost.config   a copy of IIS's configuration, with its secrets removed
                               (unless -KeepSecrets); absent when IIS is not installed
      <Store>.json             one file per LocalMachine certificate store: My, WebHosting,
                               Root, CA, ClientAuthIssuer, and every store a binding names
                               (its SslCertStoreName or DefaultSslCtlStoreName in the
                               registry, its Certificate Store Name or Ctl Store Name in
                               the netsh text), always as
                               {"store": "<name>", "certificates": [ ... ]}: an empty or
                               missing store is a visible empty list
      snapshot.json            host, os, build, taken (UTC, ISO 8601), and what this
                               script did: exportedBy, secretsRemoved, stores, warnings

    Each certificate has Thumbprint, Subject, Issuer, NotBefore, NotAfter (UTC,
    ISO 8601), HasPrivateKey, FriendlyName, PSParentPath, EnhancedKeyUsageList and
    RawData (the DER certificate, Base64). Private keys are never read or written.

    Secrets: by default the copy of applicationHost.config loses every attribute
    whose name contains "password" (application pool identities in processModel,
    virtualDirectory and application credentials, anonymousAuthentication...),
    every attribute whose value is encrypted ("[enc:...:enc]"), and the contents of
    configProtectedData (its providers and their session keys). sslcertlint needs
    none of them. snapshot.json records "secretsRemoved".

    The JSON files are UTF-8 without a byte order mark; the .reg files are what
    reg export writes (UTF-16LE). sslcertlint reads both.

.PARAMETER Path
    The folder to write (created when missing). Default: .\snapshot

.PARAMETER KeepSecrets
    Copy applicationHost.config as it is, secrets included. snapshot.json then says
    "secretsRemoved": false, and sslcertlint reminds you of it.

.PARAMETER Force
    Write into a folder that is not empty (files of the same name are replaced).

.EXAMPLE
    .\Export-SslSnapshot.ps1 -Path C:\temp\web01
    Writes the snapshot to C:\temp\web01; copy that folder to where sslcertlint runs:
    sslcertlint web01/

.NOTES
    Read-only on the server: it runs netsh http show, reg export, reads the
    certificate stores and copies a file. Untested in this repository's CI, which
    has no Windows: check its output with sslcertlint --dump-model.
#>
#Requires -Version 5.1
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
    [string]$Path = 'snapshot',
    [switch]$KeepSecrets,
    [switch]$Force
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$ScriptVersion = '1'
$DefaultStores = @('My', 'WebHosting', 'Root', 'CA', 'ClientAuthIssuer')
$HttpKey = 'HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters'
$SchannelKey = 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL'
# the Group Policy setting "SSL Cipher Suite Order" (value Functions); absent when no policy sets it
$CipherPolicyKey = 'HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002'
$BindingKeys = @('SslBindingInfo', 'SslSniBindingInfo', 'SslCcsBindingInfo')
$Utf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false
$Warnings = New-Object System.Collections.Generic.List[string]

function Add-SnapshotWarning([string]$Text) {
    Write-Warning $Text
    $Warnings.Add($Text)
}

function Write-Utf8File([string]$File, [string]$Text) {
    # UTF-8 without a BOM, in Windows PowerShell 5.1 as in PowerShell 7
    [System.IO.File]::WriteAllText($File, $Text, $Utf8)
}

function ConvertTo-SnapshotJson($Value) {
    # -InputObject: nothing is unrolled (a one-element or empty array stays an array);
    # -Depth: the default of 2 would flatten EnhancedKeyUsageList into strings
    return (ConvertTo-Json -InputObject $Value -Depth 8)
}

# ---- refuse what would give a wrong snapshot ----
if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
    throw ('This is a 32-bit PowerShell on a 64-bit Windows: System32 is redirected to ' +
           'SysWOW64 and inetsrv\config (applicationHost.config) is hidden. ' +
           'Run the 64-bit PowerShell (%windir%\System32\WindowsPowerShell\v1.0\powershell.exe).')
}
if ($PSVersionTable.PSVersion.Major -lt 6) {
    # Windows PowerShell 5.1 adds a Count property to arrays that ConvertTo-Json
    # writes as {"value": [...], "Count": n}; without this type data it writes [...]
    Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
}

$taken = (Get-Date).ToUniversalTime()
$dir = New-Item -ItemType Directory -Force -Path $Path
if (-not $Force -and @(Get-ChildItem -LiteralPath $dir.FullName -Force).Count -gt 0) {
    throw "The folder '$($dir.FullName)' is not empty: give a new -Path, or -Force to write into it."
}
function Join-Out([string]$Name) { return (Join-Path $dir.FullName $Name) }

# ---- HTTP.sys: netsh's view and the registry's ----
$netsh = (& netsh.exe http show sslcert | Out-String)
if ($LASTEXITCODE -ne 0) {
    Add-SnapshotWarning "netsh http show sslcert exited with $LASTEXITCODE"
}
Write-Utf8File (Join-Out 'netsh-sslcert.txt') $netsh
# sslcertlint reads netsh's English labels; a localized Windows prints others
$hasFields = $netsh -match '(?m)^\s*\S.*\s:\s'
$english = ($netsh -match 'Certificate Hash') -and ($netsh -match '(IP:port|Hostname:port|Central Certificate Store)')
if ($hasFields -and -not $english) {
    Add-SnapshotWarning ('netsh output is not in English (no "Certificate Hash" or "IP:port"/' +
        '"Hostname:port" labels): sslcertlint may not read it; http-parameters.reg holds the same bindings')
}

foreach ($export in @(@{ Key = $HttpKey; File = 'http-parameters.reg' },
                      @{ Key = $SchannelKey; File = 'schannel.reg' })) {
    & reg.exe export $export.Key (Join-Out $export.File) /y | Out-Null
    if ($LASTEXITCODE -ne 0) {
        Add-SnapshotWarning "reg export $($export.Key) failed (exit $LASTEXITCODE)"
    }
}

# ---- cipher suites: what Schannel offers, and the order policy that overrides it ----
if (Get-Command -Name Get-TlsCipherSuite -ErrorAction SilentlyContinue) {
    Write-Utf8File (Join-Out 'ciphersuites.json') (ConvertTo-SnapshotJson @(Get-TlsCipherSuite))
} else {
    Add-SnapshotWarning ('Get-TlsCipherSuite is not available (Windows Server 2016 and later have it): ' +
        'no ciphersuites.json; sslcertlint reads the order policy and the SCHANNEL Ciphers keys instead')
}
if (Test-Path -LiteralPath "Registry::$CipherPolicyKey") {
    & reg.exe export $CipherPolicyKey (Join-Out 'cipher-policy.reg') /y | Out-Null
    if ($LASTEXITCODE -ne 0) {
        Add-SnapshotWarning "reg export $CipherPolicyKey failed (exit $LASTEXITCODE)"
    }
}

# ---- IIS ----
$secretsRemoved = -not $KeepSecrets
$appHost = Join-Path $env:windir 'System32\inetsrv\config\applicationHost.config'
if (-not (Test-Path -LiteralPath $appHost)) {
    Add-SnapshotWarning "no $appHost (IIS is not installed?): the IIS rules will not run"
} elseif ($KeepSecrets) {
    Copy-Item -LiteralPath $appHost -Destination (Join-Out 'applicationHost.config')
} else {
    $xml = New-Object System.Xml.XmlDocument
    $xml.PreserveWhitespace = $true     # lines stay where they were, mostly
    $xml.XmlResolver = $null
    $xml.Load($appHost)
    $removed = 0
    foreach ($element in @($xml.SelectNodes('//*'))) {
        foreach ($attribute in @($element.Attributes)) {
            if ($attribute.Name -match 'password' -or $attribute.Value.StartsWith('[enc:')) {
                [void]$element.Attributes.Remove($attribute)
                $removed++
            }
        }
    }
    foreach ($protected in @($xml.SelectNodes('//configProtectedData'))) {
        $protected.RemoveAll()          # the providers and their session keys
        $removed++
    }
    Write-Utf8File (Join-Out 'applicationHost.config') $xml.OuterXml
    Write-Verbose "applicationHost.config: $removed secrets removed"
}

# ---- certificate stores: the usual ones and every one a binding names ----
$storeNames = New-Object System.Collections.Generic.List[string]
$seen = @{}                             # case-insensitive, as store names are
function Add-StoreName([string]$Name) {
    $Name = $Name.Trim()
    if ($Name -and $Name -ne '(null)' -and -not $seen.ContainsKey($Name)) {
        $seen[$Name] = $true
        $storeNames.Add($Name)
    }
}
foreach ($name in $DefaultStores) { Add-StoreName $name }
foreach ($sub in $BindingKeys) {
    $key = "HKLM:\SYSTEM\CurrentControlSet\Services\HTTP\Parameters\$sub"
    if (-not (Test-Path -LiteralPath $key)) { continue }
    foreach ($binding in @(Get-ChildItem -LiteralPath $key)) {
        $values = Get-ItemProperty -LiteralPath $binding.PSPath
        foreach ($value in 'SslCertStoreName', 'DefaultSslCtlStoreName') {
            if ($values.PSObject.Properties[$value]) { Add-StoreName ([string]$values.$value) }
        }
    }
}
foreach ($match in [regex]::Matches($netsh, '(?m)^\s*(?:Certificate Store Name|Ctl Store Name)\s*:\s*(.*?)\s*$')) {
    Add-StoreName $match.Groups[1].Value
}

function ConvertTo-CertificateRecord($Cert) {
    $ekus = New-Object System.Collections.Generic.List[object]
    if ($Cert.PSObject.Properties['EnhancedKeyUsageList']) {
        foreach ($eku in @($Cert.EnhancedKeyUsageList)) {
            $ekus.Add([pscustomobject][ordered]@{
                FriendlyName = [string]$eku.FriendlyName
                ObjectId     = [string]$eku.ObjectId
            })
        }
    }
    return [pscustomobject][ordered]@{
        Thumbprint           = $Cert.Thumbprint
        Subject              = $Cert.Subject
        Issuer               = $Cert.Issuer
        NotBefore            = $Cert.NotBefore.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)
        NotAfter             = $Cert.NotAfter.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)
        HasPrivateKey        = [bool]$Cert.HasPrivateKey
        FriendlyName         = [string]$Cert.FriendlyName
        PSParentPath         = [string]$Cert.PSParentPath
        EnhancedKeyUsageList = $ekus.ToArray()
        RawData              = [Convert]::ToBase64String($Cert.RawData)
    }
}

$written = New-Object System.Collections.Generic.List[string]
$other = 0
foreach ($store in $storeNames) {
    $certs = New-Object System.Collections.Generic.List[object]
    $storePath = "Cert:\LocalMachine\$store"
    if (Test-Path -LiteralPath $storePath) {
        foreach ($cert in @(Get-ChildItem -LiteralPath $storePath)) {
            if ($cert -is [System.Security.Cryptography.X509Certificates.X509Certificate2]) {
                $certs.Add((ConvertTo-CertificateRecord $cert))
            }
        }
    } else {
        Add-SnapshotWarning "store '$store' does not exist on this server: written as an empty store"
    }
    # a name fit for a file names it; any other gets a neutral one (the JSON names the store)
    if ($store -match '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$' -and $store -ne 'snapshot') {
        $file = "$store.json"
    } else {
        $other++
        $file = "store-$other.json"
    }
    $wrapper = [pscustomobject][ordered]@{ store = $store; certificates = $certs.ToArray() }
    Write-Utf8File (Join-Out $file) (ConvertTo-SnapshotJson $wrapper)
    $written.Add($store)
}

# ---- what the server is, when, and what this script did ----
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$manifest = [pscustomobject][ordered]@{
    host           = $env:COMPUTERNAME
    os             = [string]$os.Caption
    build          = [int]$os.BuildNumber
    taken          = $taken.ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)
    exportedBy     = "Export-SslSnapshot.ps1 $ScriptVersion"
    secretsRemoved = [bool]$secretsRemoved
    stores         = $written.ToArray()
    warnings       = $Warnings.ToArray()
}
Write-Utf8File (Join-Out 'snapshot.json') (ConvertTo-SnapshotJson $manifest)

Write-Host "Snapshot of $env:COMPUTERNAME written to $($dir.FullName) ($($written.Count) stores, $($Warnings.Count) warnings)."
if ($KeepSecrets) {
    Write-Warning 'applicationHost.config was copied with its secrets (-KeepSecrets): keep this folder private.'
}
