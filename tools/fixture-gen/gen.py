# Generator of the SCL003-SCL009/SCL015 and story fixtures (inputs only; expected
# output comes from make golden).  Run: python3 tools/fixture-gen/gen.py
# Needs Python 3 with the "cryptography" module (reads the certificates in fixtures/parse/certjson).
import os, sys, uuid, hashlib, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from certs import *

FX = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures')
written = []

def w(path, text, enc='utf-16le', crlf=True):
    p = os.path.join(FX, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    if crlf:
        text = text.replace('\r\n', '\n').replace('\n', '\r\n')
    if enc == 'utf-16le':
        data = b'\xff\xfe' + text.encode('utf-16le')
    elif enc == 'utf-8-bom':
        data = b'\xef\xbb\xbf' + text.encode('utf-8')
    else:
        data = text.encode('utf-8')
    open(p, 'wb').write(data)
    written.append(path)

# what `ConvertTo-Json > X.json` (5.1: UTF-16LE) and `| Out-File -Encoding utf8` (5.1: UTF-8 BOM) write
def json51(path, value, enc='utf-16le'):
    w(path, ps51(value) + '\n', enc=enc)

def json7(path, value):
    w(path, json.dumps(value, indent=2, ensure_ascii=False) + '\n', enc='utf-8', crlf=True)

# ---------------------------------------------------------------- netsh
from netsh_text import IIS, netsh_record, netsh
H_SERVER = CERTS['server'].thumb.lower()
H_EXPIRED = CERTS['expired'].thumb.lower()
H_CLIENT = CERTS['client'].thumb.lower()

# ---------------------------------------------------------------- .reg
def reg_hex_value(name, data, kind='hex'):
    """A REG_BINARY value as regedit writes it: wrapped with '\\' after 77 columns."""
    head = '"%s"=' % name.replace('\\', '\\\\').replace('"', '\\"')
    line_len = len(head) + len(kind) + 1
    out, cur = head + kind + ':', ''
    for i, b in enumerate(data):
        cur += '%02x' % b
        if i == len(data) - 1:
            break
        cur += ','
        line_len += 3
        if line_len >= 77:
            out += cur + '\\\n  '
            cur, line_len = '', 2
    return out + cur + '\n'

def dword(name, v):
    return '"%s"=dword:%08x\n' % (name, v)

def reg_file(blocks):
    s = "Windows Registry Editor Version 5.00\n\n"
    for key, values in blocks:
        s += '[' + key + ']\n' + ''.join(values) + '\n'
    return s

SCH = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
def schannel_simple(sti=1, mode=None):
    vals = [dword('EventLogging', 1)]
    if sti is not None: vals.append(dword('SendTrustedIssuerList', sti))
    if mode is not None: vals.append(dword('ClientAuthTrustMode', mode))
    return reg_file([(SCH, vals), (SCH + '\\Protocols', [])])

def schannel_hardened(sti=1, mode=2):
    """A Windows Server 2019 SCHANNEL key after a best-practice hardening (IIS Crypto style)."""
    vals = [dword('EventLogging', 1)]
    if sti is not None: vals.append(dword('SendTrustedIssuerList', sti))
    if mode is not None: vals.append(dword('ClientAuthTrustMode', mode))
    blocks = [(SCH, vals), (SCH + '\\Ciphers', [])]
    on, off = 0xffffffff, 0
    ciphers = {'AES 128/128': on, 'AES 256/256': on, 'DES 56/56': off, 'NULL': off,
               'RC2 128/128': off, 'RC2 40/128': off, 'RC2 56/128': off, 'RC4 128/128': off,
               'RC4 40/128': off, 'RC4 56/128': off, 'RC4 64/128': off, 'Triple DES 168': off}
    for c in sorted(ciphers, key=str.upper):
        blocks.append((SCH + '\\Ciphers\\' + c, [dword('Enabled', ciphers[c])]))
    blocks.append((SCH + '\\CipherSuites', []))
    blocks.append((SCH + '\\Hashes', []))
    for h, v in [('MD5', off), ('SHA', on), ('SHA256', on), ('SHA384', on), ('SHA512', on)]:
        blocks.append((SCH + '\\Hashes\\' + h, [dword('Enabled', v)]))
    blocks.append((SCH + '\\KeyExchangeAlgorithms', []))
    blocks.append((SCH + '\\KeyExchangeAlgorithms\\Diffie-Hellman',
                   [dword('Enabled', on), dword('ServerMinKeyBitLength', 2048)]))
    blocks.append((SCH + '\\KeyExchangeAlgorithms\\ECDH', [dword('Enabled', on)]))
    blocks.append((SCH + '\\KeyExchangeAlgorithms\\PKCS', [dword('Enabled', on)]))
    blocks.append((SCH + '\\Protocols', []))
    for p in ['Multi-Protocol Unified Hello', 'PCT 1.0', 'SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2']:
        blocks.append((SCH + '\\Protocols\\' + p, []))
        for side in ('Client', 'Server'):
            if p == 'TLS 1.2':
                v = [dword('DisabledByDefault', 0), dword('Enabled', on)]
            else:
                v = [dword('DisabledByDefault', 1), dword('Enabled', off)]
            blocks.append((SCH + '\\Protocols\\' + p + '\\' + side, v))
    return reg_file(blocks)

HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"

def reg_binding_values(h, appid=IIS, store='My', ctl=None, flags=0):
    v = [reg_hex_value('SslCertHash', bytes.fromhex(h)),
         reg_hex_value('AppId', uuid.UUID(appid).bytes_le),
         dword('DefaultSslCertCheckMode', 0),
         dword('DefaultSslRevocationFreshnessTime', 0),
         dword('DefaultSslRevocationUrlRetrievalTimeout', 0)]
    if ctl:
        v.append('"DefaultSslCtlStoreName"="%s"\n' % ctl)
    v.append('"SslCertStoreName"="%s"\n' % store)
    v.append(dword('DefaultFlags', flags))
    return v

def sid(s):
    parts = s.split('-')
    auth, subs = int(parts[2]), [int(x) for x in parts[3:]]
    return bytes([1, len(subs)]) + auth.to_bytes(6, 'big') + b''.join(x.to_bytes(4, 'little') for x in subs)

def sd(aces, owner='S-1-5-18', group='S-1-5-18'):
    """A self-relative security descriptor, DACL of ACCESS_ALLOWED aces (mask, sid)."""
    o, g = sid(owner), sid(group)
    body = b''
    for mask, who in aces:
        s = sid(who)
        body += bytes([0, 0]) + (8 + len(s)).to_bytes(2, 'little') + mask.to_bytes(4, 'little') + s
    acl = bytes([2, 0]) + (8 + len(body)).to_bytes(2, 'little') + len(aces).to_bytes(2, 'little') + b'\0\0' + body
    off_o = 20; off_g = off_o + len(o); off_d = off_g + len(g)
    hdr = bytes([1, 0, 0x04, 0x80]) + off_o.to_bytes(4, 'little') + off_g.to_bytes(4, 'little') + \
        (0).to_bytes(4, 'little') + off_d.to_bytes(4, 'little')
    return hdr + o + g + acl

GX = 0x20000000
WINRM = [(GX, 'S-1-5-80-569256582-2953403351-2909559716-1301513147-412116970'),
         (GX, 'S-1-5-80-4059739203-877974739-1245631912-527174227-2996563517')]
URLACLS = [('http://+:80/Temporary_Listen_Addresses/', sd([(GX, 'S-1-1-0')])),
           ('http://+:5985/wsman/', sd(WINRM)),
           ('http://+:47001/wsman/', sd(WINRM))]

def http_parameters(ip_bindings, sni_bindings):
    blocks = [(HTTP, []), (HTTP + '\\SslBindingInfo', [])]
    for ep, vals in ip_bindings:
        blocks.append((HTTP + '\\SslBindingInfo\\' + ep, vals))
    blocks.append((HTTP + '\\SslSniBindingInfo', []))
    for ep, vals in sni_bindings:
        blocks.append((HTTP + '\\SslSniBindingInfo\\' + ep, vals))
    blocks.append((HTTP + '\\UrlAclInfo', [reg_hex_value(u, d) for u, d in URLACLS]))
    return reg_file(blocks)

# ================================================================ SCL003
R, I = CERTS['root'], CERTS['inter']
json51('rules/SCL003/fires/Root.json', [full51(R, 'Root', False, 'Example Root CA'),
                                        full51(I, 'Root', False, '', 2628421610208)])
w('rules/SCL003/fires/schannel.reg', schannel_simple(sti=1, mode=None))

def subset51(c, store):
    return {'Thumbprint': c.thumb, 'Subject': c.subject, 'Issuer': c.issuer,
            'NotBefore': Date51(c.nb), 'NotAfter': Date51(c.na), 'PSParentPath': PSPATH + store}
json51('rules/SCL003/fires-inferred/Root.json', [subset51(R, 'Root'), subset51(I, 'Root')])
w('rules/SCL003/fires-inferred/schannel.reg', schannel_simple(sti=1, mode=None))

json51('rules/SCL003/quiet/Root.json', [full51(R, 'Root', False, 'Example Root CA'),
                                        full51(CERTS['twinca'], 'Root', False, 'Example Twin', 2628421610208)])
w('rules/SCL003/quiet/schannel.reg', schannel_simple(sti=1, mode=None))

# ================================================================ SCL004 (Root.json: tools/gen-scl004-fixture.py)
w('rules/SCL004/fires/netsh-sslcert.txt', netsh(netsh_record('IP:port', '0.0.0.0:443', H_SERVER, neg='Enabled')))
w('rules/SCL004/fires/schannel.reg', schannel_simple(sti=1, mode=None))
w('rules/SCL004/quiet/netsh-sslcert.txt', netsh(netsh_record('IP:port', '0.0.0.0:443', H_SERVER,
                                                             ctl='ClientAuthIssuer', neg='Enabled')))
w('rules/SCL004/quiet/schannel.reg', schannel_simple(sti=1, mode=None))

def wrapper_cai(c):
    # @{ store = 'ClientAuthIssuer'; certificates = @(... Select-Object Thumbprint, Subject, Issuer,
    #    NotBefore, NotAfter, @{ n = 'RawData'; e = { [Convert]::ToBase64String($_.RawData) } }) } |
    #    ConvertTo-Json -Depth 4 > ClientAuthIssuer.json        (Windows PowerShell 5.1)
    return {'store': 'ClientAuthIssuer',
            'certificates': [{'Thumbprint': c.thumb, 'Subject': c.subject, 'Issuer': c.issuer,
                              'NotBefore': Date51(c.nb), 'NotAfter': Date51(c.na), 'RawData': c.b64}]}
json51('rules/SCL004/quiet/ClientAuthIssuer.json', wrapper_cai(I))

# ================================================================ SCL005
S, X, C = CERTS['server'], CERTS['expired'], CERTS['client']
for d, store in [('fires', 'My'), ('fires-nowhere', 'My'), ('quiet', 'WebHosting')]:
    w(f'rules/SCL005/{d}/netsh-sslcert.txt',
      netsh(netsh_record('Hostname:port', 'www.example.org:443', H_SERVER, store=store)))
    json51(f'rules/SCL005/{d}/My.json', recipe51(X, 'My', True, 'old.example.org 2020'), enc='utf-8-bom')
    if d != 'fires-nowhere':
        json51(f'rules/SCL005/{d}/WebHosting.json', recipe51(S, 'WebHosting', True, 'www.example.org 2025'),
               enc='utf-8-bom')

# ================================================================ SCL006
for d, ep, h in [('fires', 'old.example.org:443', H_EXPIRED), ('quiet', 'www.example.org:443', H_SERVER)]:
    w(f'rules/SCL006/{d}/netsh-sslcert.txt', netsh(netsh_record('Hostname:port', ep, h)))
    json51(f'rules/SCL006/{d}/My.json', [recipe51(S, 'My', True, 'www.example.org 2025'),
                                         recipe51(X, 'My', True, 'old.example.org 2020')], enc='utf-8-bom')

# ================================================================ SCL007 (no RawData: PowerShell 7 subset)
T7 = hashlib.sha1(b'sslcertlint SCL007 www.example.org').hexdigest().upper()
for d, nb, na in [('fires', '2025-01-20T13:00:00+01:00', '2026-01-20T12:59:59+01:00'),
                  ('quiet', '2025-02-15T13:00:00+01:00', '2026-02-15T12:59:59+01:00')]:
    w(f'rules/SCL007/{d}/netsh-sslcert.txt', netsh(netsh_record('Hostname:port', 'www.example.org:443', T7.lower())))
    # Get-ChildItem Cert:\LocalMachine\My | Select-Object Thumbprint, Subject, Issuer, NotBefore,
    #   NotAfter, HasPrivateKey, EnhancedKeyUsageList, PSParentPath | ConvertTo-Json > My.json   (PowerShell 7)
    json7(f'rules/SCL007/{d}/My.json', {
        'Thumbprint': T7, 'Subject': 'CN=www.example.org, O=Example, C=US',
        'Issuer': 'CN=Example Issuing CA 1, O=Example, C=US',
        'NotBefore': nb, 'NotAfter': na, 'HasPrivateKey': True,
        'EnhancedKeyUsageList': [{'FriendlyName': 'Server Authentication', 'ObjectId': '1.3.6.1.5.5.7.3.1'}],
        'PSParentPath': PSPATH + 'My'})

# ================================================================ SCL008 (5.1 full object, one certificate)
for d, key in [('fires', False), ('quiet', True)]:
    w(f'rules/SCL008/{d}/netsh-sslcert.txt', netsh(netsh_record('Hostname:port', 'www.example.org:443', H_SERVER)))
    json51(f'rules/SCL008/{d}/My.json', full51(S, 'My', key, 'www.example.org 2025'))

# ================================================================ SCL009
for d, h in [('fires', H_CLIENT), ('quiet', H_SERVER)]:
    w(f'rules/SCL009/{d}/netsh-sslcert.txt', netsh(netsh_record('Hostname:port', 'www.example.org:443', h)))
    json51(f'rules/SCL009/{d}/My.json', [recipe51(S, 'My', True, 'www.example.org 2025'),
                                         recipe51(C, 'My', True, 'client 01')], enc='utf-8-bom')

# ================================================================ SCL015
for d in ('fires', 'not-run-not-dumped', 'quiet'):
    w(f'rules/SCL015/{d}/netsh-sslcert.txt', netsh(netsh_record('Hostname:port', 'www.example.org:443', H_SERVER,
                                                                ctl='ClientAuthIssuer', neg='Enabled')))
    json51(f'rules/SCL015/{d}/My.json', recipe51(S, 'My', True, 'www.example.org 2025'), enc='utf-8-bom')
json51('rules/SCL015/fires/ClientAuthIssuer.json', {'store': 'ClientAuthIssuer', 'certificates': []})
json51('rules/SCL015/quiet/ClientAuthIssuer.json', wrapper_cai(I))

# ================================================================ what Windows does (issue 10)
ADFS = "{5d89a20c-beab-4389-9447-324788eb944a}"

def appconfig(sites, locations=()):
    """applicationHost.config with sites [(name, id, [(protocol, info, sslFlags)])] and <location> access."""
    s = '<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n    <system.applicationHost>\n        <sites>\n'
    for name, site_id, bindings in sites:
        s += f'            <site name="{name}" id="{site_id}">\n'
        s += f'                <application path="/" applicationPool="{name}">\n'
        s += f'                    <virtualDirectory path="/" physicalPath="C:\\inetpub\\{site_id}" />\n'
        s += '                </application>\n                <bindings>\n'
        for proto, info, flags in bindings:
            s += f'                    <binding protocol="{proto}" bindingInformation="{info}" sslFlags="{flags}" />\n'
        s += '                </bindings>\n            </site>\n'
    s += '        </sites>\n    </system.applicationHost>\n    <system.webServer>\n        <security>\n'
    s += '            <access sslFlags="None" />\n        </security>\n    </system.webServer>\n'
    for path, flags in locations:
        s += (f'    <location path="{path}">\n        <system.webServer>\n            <security>\n'
              f'                <access sslFlags="{flags}" />\n            </security>\n'
              '        </system.webServer>\n    </location>\n')
    return s + '</configuration>\n'

def manifest(folder, build, os_name):
    json51(folder + '/snapshot.json', {'host': 'WEB03', 'os': os_name, 'build': build,
                                       'taken': '2026-01-01T09:00:00Z'}, enc='utf-8-bom')

PKI_SITE = [('PKI', 2, [('https', '*:443:pki.example.org', 1)])]
REQUIRE = [('PKI', 'Ssl, SslNegotiateCert, SslRequireCert')]

# SCL003: SendTrustedIssuerList absent (the default) and a site requiring client certificates:
# 403.16 on Windows Server 2019; on 2008 R2, before KB 2802568's behaviour, at most a note
for d, build, os_name in [('fires-build-17763', 17763, 'Windows Server 2019 Datacenter'),
                          ('note-build-7601', 7601, 'Windows Server 2008 R2 Standard')]:
    f = 'rules/SCL003/' + d
    manifest(f, build, os_name)
    json51(f + '/Root.json', [full51(R, 'Root', False, 'Example Root CA'),
                              full51(I, 'Root', False, '', 2628421610208)])
    w(f + '/schannel.reg', schannel_simple(sti=None, mode=None))
    w(f + '/applicationHost.config', appconfig(PKI_SITE, REQUIRE), enc='utf-8-bom')
    w(f + '/netsh-sslcert.txt', netsh(netsh_record('Hostname:port', 'pki.example.org:443', H_SERVER)))

# SCL002: the bindings differ, but the site uses no client certificates: a note
w('rules/SCL002/note-no-client-certs/applicationHost.config',
  appconfig([('PKI', 2, [('https', '*:443:pki.example.org', 1), ('https', '*:443:', 0)])]), enc='utf-8-bom')
w('rules/SCL002/note-no-client-certs/netsh-sslcert.txt', netsh(
    netsh_record('IP:port', '0.0.0.0:443', H_SERVER),
    netsh_record('Hostname:port', 'pki.example.org:443', H_SERVER, ctl='ClientAuthIssuer')))

# SCL004: the binding's CTL store is empty and there is no ClientAuthIssuer store, so SCHANNEL
# sends the Root list (Root.json: tools/gen-scl004-fixture.py)
f = 'rules/SCL004/fires-empty-ctl-store'
w(f + '/netsh-sslcert.txt', netsh(netsh_record('IP:port', '0.0.0.0:443', H_SERVER, ctl='Partners', neg='Enabled')))
w(f + '/schannel.reg', schannel_simple(sti=1, mode=0))
json51(f + '/Partners.json', {'store': 'Partners', 'certificates': []})

# SCL010: no hostname:port binding, so HTTP.sys answers with the 0.0.0.0:443 certificate
# (www.example.org and example.org): it covers www, not shop
for d, host in [('fires-fallback', 'www.example.org'), ('fires-fallback-wrong-cert', 'shop.example.org')]:
    f = 'rules/SCL010/' + d
    w(f + '/applicationHost.config', appconfig([('Shop', 3, [('https', '*:443:' + host, 1)]),
                                                ('Default Web Site', 1, [('https', '*:443:', 0)])]),
      enc='utf-8-bom')
    w(f + '/netsh-sslcert.txt', netsh(netsh_record('IP:port', '0.0.0.0:443', H_SERVER)))
    json51(f + '/My.json', recipe51(S, 'My', True, 'www.example.org 2025'), enc='utf-8-bom')

# SCL013: only Central Certificate Store bindings on 443 (sslFlags 3 and 2): no fallback
w('rules/SCL013/fires-ccs-only/applicationHost.config',
  appconfig([('A', 2, [('https', '*:443:a.example.org', 3)]), ('B', 3, [('https', '*:443:', 2)])]),
  enc='utf-8-bom')

# SCL001: the fix must not name an empty ClientAuthIssuer; AD FS certificate authentication
f = 'rules/SCL001/fires-empty-clientauthissuer'
w(f + '/netsh-sslcert.txt', netsh(netsh_record('Hostname:port', 'pki.example.org:443', H_SERVER, neg='Enabled')))
w(f + '/schannel.reg', schannel_simple(sti=1, mode=2))
json51(f + '/ClientAuthIssuer.json', {'store': 'ClientAuthIssuer', 'certificates': []})
json51(f + '/My.json', recipe51(S, 'My', True, 'www.example.org 2025'), enc='utf-8-bom')
f = 'rules/SCL001/fires-adfs'
w(f + '/netsh-sslcert.txt', netsh(
    netsh_record('Hostname:port', 'sts.example.org:443', H_SERVER, appid=ADFS, ctl='AdfsTrustedDevices'),
    netsh_record('Hostname:port', 'sts.example.org:49443', H_SERVER, appid=ADFS, neg='Enabled')))
w(f + '/schannel.reg', schannel_simple(sti=1, mode=2))

# SCL015: exclusive CA trust fails on an empty CTL store; machine trust falls back
w('rules/SCL015/fires/schannel.reg', schannel_simple(sti=None, mode=2))
f = 'rules/SCL015/note-fallback'
w(f + '/netsh-sslcert.txt', netsh(netsh_record('Hostname:port', 'www.example.org:443', H_SERVER,
                                                 ctl='Partners', neg='Enabled')))
w(f + '/schannel.reg', schannel_simple(sti=None, mode=0))
json51(f + '/Partners.json', {'store': 'Partners', 'certificates': []})
json51(f + '/ClientAuthIssuer.json', wrapper_cai(I))

# ================================================================ the story
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'story.py')).read())

print('\n'.join(written))
