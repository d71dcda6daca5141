import os, sys
# Writes the rule fixture snapshots under fixtures/ (inputs only; expected
# output comes from 'make golden', reviewed).  Run: python3 tools/gen-rule-fixtures.py
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')
def w(path, text, enc='utf-16le', crlf=True):
    p = os.path.join(root, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    if crlf: text = text.replace('\n', '\r\n')
    if enc == 'utf-16le': data = b'\xff\xfe' + text.encode('utf-16le')
    else: data = text.encode('utf-8')
    open(p, 'wb').write(data)

def netsh_record(key_label, ep, h, appid, store='My', ctl='(null)', neg='Disabled', revoc='Enabled', newer=True):
    lines = [
        f"    {key_label:<29}: {ep}",
        f"    Certificate Hash             : {h}",
        f"    Application ID               : {appid}",
        f"    Certificate Store Name       : {store}",
        f"    Verify Client Certificate Revocation : {revoc}",
        f"    Verify Revocation Using Cached Client Certificate Only : Disabled",
        f"    Usage Check                  : Enabled",
        f"    Revocation Freshness Time    : 0",
        f"    URL Retrieval Timeout        : 0",
        f"    Ctl Identifier               : (null)",
        f"    Ctl Store Name               : {ctl}",
        f"    DS Mapper Usage              : Disabled",
        f"    Negotiate Client Certificate : {neg}",
    ]
    if newer:
        lines += [
        f"    Reject Connections           : Disabled",
        f"    Disable HTTP2                : Not Set",
        f"    Disable QUIC                 : Not Set",
        f"    Disable TLS1.2               : Not Set",
        f"    Disable TLS1.3               : Not Set",
        f"    Disable OCSP Stapling        : Not Set",
        f"    Enable Token Binding         : Not Set",
        f"    Log Extended Events          : Not Set",
        f"    Disable Legacy TLS Versions  : Not Set",
        f"    Enable Session Ticket        : Not Set",
        ]
    return "\n".join(lines) + "\n"

def netsh(*records):
    return "\nSSL Certificate bindings:\n-------------------------\n\n" + "\n".join(records) + "\n"

SCH = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
def schannel(sti=1, mode=2):
    s = "Windows Registry Editor Version 5.00\n\n[" + SCH + "]\n\"EventLogging\"=dword:00000001\n"
    if sti is not None: s += '"SendTrustedIssuerList"=dword:%08x\n' % sti
    if mode is not None: s += '"ClientAuthTrustMode"=dword:%08x\n' % mode
    s += "\n[" + SCH + "\\Protocols]\n\n"
    return s

def hexbytes(b): return ",".join("%02x" % x for x in b)
def guid_bytes(g):
    import uuid
    return uuid.UUID(g).bytes_le

HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"
def reg_binding(sub, ep, h, appid, store='My', ctl=None, flags=0, mode=0):
    s = "[" + HTTP + "\\" + sub + "\\" + ep + "]\n"
    s += '"AppId"=hex:' + hexbytes(guid_bytes(appid)) + "\n"
    s += '"DefaultSslCertCheckMode"=dword:%08x\n' % mode
    s += '"DefaultSslRevocationFreshnessTime"=dword:00000000\n'
    s += '"DefaultSslRevocationUrlRetrievalTimeout"=dword:00000000\n'
    if ctl: s += '"DefaultSslCtlStoreName"="' + ctl + '"\n'
    s += '"DefaultFlags"=dword:%08x\n' % flags
    s += '"SslCertHash"=hex:' + hexbytes(bytes.fromhex(h)) + "\n"
    s += '"SslCertStoreName"="' + store + '"\n\n'
    return s
def http_params(*bindings, sni=True):
    s = "Windows Registry Editor Version 5.00\n\n[" + HTTP + "]\n\n[" + HTTP + "\\SslBindingInfo]\n\n"
    s += "".join(b for b in bindings)
    return s

H1 = "846762724f99a530cae257c8d18ceafb46723cd2"
H2 = "5226dc6c54559761cd471b86eb51c096252c90f2"
IIS = "{4dc3e181-e14b-4a21-b022-59fc669b0914}"

# demo: the 403.7 story
w("demo/netsh-sslcert.txt", netsh(
    netsh_record("Hostname:port", "pki.adcslabor.com:443", H1, IIS, neg="Enabled"),
    netsh_record("Hostname:port", "www.adcslabor.com:443", H2, IIS),
    netsh_record("IP:port", "0.0.0.0:443", H2, IIS, ctl="ClientAuthIssuer")))
w("demo/schannel.reg", schannel())

# SCL001
w("rules/SCL001/fires/netsh-sslcert.txt", netsh(netsh_record("Hostname:port", "pki.example.org:443", H1, IIS, neg="Enabled")))
w("rules/SCL001/fires/schannel.reg", schannel())
w("rules/SCL001/fires-reg/http-parameters.reg", http_params(
    reg_binding("SslSniBindingInfo", "pki.example.org:443", H1, IIS, flags=2)))
w("rules/SCL001/fires-reg/schannel.reg", schannel(mode=1))
w("rules/SCL001/warning/netsh-sslcert.txt", netsh(netsh_record("IP:port", "0.0.0.0:443", H1, IIS, store='(null)')), enc='utf-8', crlf=False)
w("rules/SCL001/warning/schannel.reg", schannel(), enc='utf-8', crlf=False)
w("rules/SCL001/quiet/netsh-sslcert.txt", netsh(netsh_record("Hostname:port", "pki.example.org:443", H1, IIS, ctl="ClientAuthIssuer", neg="Enabled")))
w("rules/SCL001/quiet/schannel.reg", schannel())
w("rules/SCL001/quiet-trust-mode-0/netsh-sslcert.txt", netsh(netsh_record("Hostname:port", "pki.example.org:443", H1, IIS, neg="Enabled")))
w("rules/SCL001/quiet-trust-mode-0/schannel.reg", schannel(mode=None))
w("rules/SCL001/not-run/netsh-sslcert.txt", netsh(netsh_record("Hostname:port", "pki.example.org:443", H1, IIS, neg="Enabled")))

# SCL014
w("rules/SCL014/fires/netsh-sslcert.txt", netsh(
    netsh_record("Hostname:port", "pki.example.org:443", H1, IIS, ctl="ClientAuthIssuer"),
    netsh_record("IP:port", "0.0.0.0:443", H2, IIS)))
w("rules/SCL014/fires/http-parameters.reg", http_params(
    reg_binding("SslSniBindingInfo", "pki.example.org:443", H2, IIS, flags=2)))
w("rules/SCL014/quiet/netsh-sslcert.txt", netsh(netsh_record("Hostname:port", "pki.example.org:443", H1, IIS, ctl="ClientAuthIssuer", neg="Enabled")))
w("rules/SCL014/quiet/http-parameters.reg", http_params(
    reg_binding("SslSniBindingInfo", "pki.example.org:443", H1, IIS, ctl="ClientAuthIssuer", flags=2)))

def appconfig(sites, global_access="Ssl", locations=()):
    s = '<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n    <system.applicationHost>\n        <sites>\n'
    for (name, sid, bindings) in sites:
        s += f'            <site name="{name}" id="{sid}" serverAutoStart="true">\n'
        s += f'                <application path="/" applicationPool="{name}">\n'
        s += f'                    <virtualDirectory path="/" physicalPath="C:\\inetpub\\{name.lower()}" />\n'
        s += '                </application>\n                <bindings>\n'
        for (proto, info, flags) in bindings:
            fl = f' sslFlags="{flags}"' if flags is not None else ''
            s += f'                    <binding protocol="{proto}" bindingInformation="{info}"{fl} />\n'
        s += '                </bindings>\n            </site>\n'
    s += '            <siteDefaults>\n                <logFile logFormat="W3C" directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />\n            </siteDefaults>\n'
    s += '        </sites>\n    </system.applicationHost>\n    <system.webServer>\n        <security>\n'
    s += f'            <access sslFlags="{global_access}" />\n' if global_access else ''
    s += '        </security>\n    </system.webServer>\n'
    for (path, flags) in locations:
        s += f'    <location path="{path}">\n        <system.webServer>\n            <security>\n                <access sslFlags="{flags}" />\n            </security>\n        </system.webServer>\n    </location>\n'
    s += '</configuration>\n'
    return s

H3 = "0c4a36e4f8b7a1d2c3e4f5a6b7c8d9e0f1a2b3c4"
# SCL002: one site, SNI + non-SNI, only the SNI binding names the CTL store
w("rules/SCL002/fires/applicationHost.config", appconfig(
    [("PKI", 2, [("https", "*:443:pki.example.org", 1), ("https", "*:443:", 0)])],
    locations=[("PKI", "Ssl, SslNegotiateCert, SslRequireCert")]), enc='utf-8', crlf=True)
w("rules/SCL002/fires/netsh-sslcert.txt", netsh(
    netsh_record("Hostname:port", "pki.example.org:443", H1, IIS, ctl="ClientAuthIssuer"),
    netsh_record("IP:port", "0.0.0.0:443", H1, IIS)))
w("rules/SCL002/quiet/applicationHost.config", appconfig(
    [("PKI", 2, [("https", "*:443:pki.example.org", 1), ("https", "*:443:", 0)])],
    locations=[("PKI", "Ssl, SslNegotiateCert, SslRequireCert")]), enc='utf-8', crlf=True)
w("rules/SCL002/quiet/netsh-sslcert.txt", netsh(
    netsh_record("Hostname:port", "pki.example.org:443", H1, IIS, ctl="ClientAuthIssuer"),
    netsh_record("IP:port", "0.0.0.0:443", H1, IIS, ctl="ClientAuthIssuer")))

# SCL010 / SCL011 / SCL012 / SCL013
w("rules/SCL010/fires/applicationHost.config", appconfig(
    [("Shop", 3, [("http", "*:80:shop.example.org", None), ("https", "*:443:shop.example.org", 1)]),
     ("Intranet", 4, [("https", "10.0.0.5:8443:", 0)])]), enc='utf-8', crlf=True)
w("rules/SCL010/fires/netsh-sslcert.txt", netsh(
    netsh_record("IP:port", "0.0.0.0:443", H2, IIS)))
w("rules/SCL010/quiet/applicationHost.config", appconfig(
    [("Shop", 3, [("https", "*:443:shop.example.org", 1), ("https", "*:443:", 0)]),
     ("Intranet", 4, [("https", "10.0.0.5:8443:", 0)])]), enc='utf-8', crlf=True)
w("rules/SCL010/quiet/netsh-sslcert.txt", netsh(
    netsh_record("Hostname:port", "shop.example.org:443", H2, IIS),
    netsh_record("IP:port", "0.0.0.0:443", H2, IIS),
    netsh_record("IP:port", "0.0.0.0:8443", H1, IIS)))

w("rules/SCL011/fires/applicationHost.config", appconfig(
    [("Shop", 3, [("https", "*:443:", 0)])]), enc='utf-8', crlf=True)
w("rules/SCL011/fires/netsh-sslcert.txt", netsh(
    netsh_record("IP:port", "0.0.0.0:443", H2, IIS),
    netsh_record("IP:port", "0.0.0.0:8443", H1, IIS),
    netsh_record("IP:port", "0.0.0.0:9443", H1, "{214124cd-d05b-4309-9af9-9caa44b2b74a}")))
w("rules/SCL011/quiet/applicationHost.config", appconfig(
    [("Shop", 3, [("https", "*:443:", 0), ("https", "*:8443:", 0)])]), enc='utf-8', crlf=True)
w("rules/SCL011/quiet/netsh-sslcert.txt", netsh(
    netsh_record("IP:port", "0.0.0.0:443", H2, IIS),
    netsh_record("IP:port", "0.0.0.0:8443", H1, IIS),
    netsh_record("IP:port", "0.0.0.0:9443", H1, "{214124cd-d05b-4309-9af9-9caa44b2b74a}")))

w("rules/SCL012/fires/applicationHost.config", appconfig(
    [("Shop", 3, [("https", "*:443:", 1)])]), enc='utf-8', crlf=True)
w("rules/SCL012/quiet/applicationHost.config", appconfig(
    [("Shop", 3, [("https", "*:443:shop.example.org", 1), ("https", "*:443:", 0)])]), enc='utf-8', crlf=True)

w("rules/SCL013/fires/applicationHost.config", appconfig(
    [("Shop", 3, [("https", "*:443:shop.example.org", 1)]),
     ("Blog", 4, [("https", "*:443:blog.example.org", 1)])]), enc='utf-8', crlf=True)
w("rules/SCL013/quiet/applicationHost.config", appconfig(
    [("Shop", 3, [("https", "*:443:shop.example.org", 1)]),
     ("Default Web Site", 1, [("https", "*:443:", 0)])]), enc='utf-8', crlf=True)

w("rules/SCL001/fires-iis/applicationHost.config", appconfig(
    [("PKI", 2, [("https", "*:443:pki.example.org", 1)])],
    locations=[("PKI", "Ssl, SslNegotiateCert, SslRequireCert")]), enc='utf-8', crlf=True)
w("rules/SCL001/fires-iis/netsh-sslcert.txt", netsh(netsh_record("Hostname:port", "pki.example.org:443", H1, IIS)))
w("rules/SCL001/fires-iis/schannel.reg", schannel())
w("rules/SCL001/quiet-iis/applicationHost.config", appconfig(
    [("WWW", 2, [("https", "*:443:www.example.org", 1)])]), enc='utf-8', crlf=True)
w("rules/SCL001/quiet-iis/netsh-sslcert.txt", netsh(netsh_record("Hostname:port", "www.example.org:443", H1, IIS)))
w("rules/SCL001/quiet-iis/schannel.reg", schannel())
