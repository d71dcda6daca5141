#!/usr/bin/python3
# Writes the fixture snapshots of the protocol rules (SCL016-SCL019) and
# the OS-defaults snapshots fixtures/os/ (inputs only; the expected
# output comes from 'make golden', reviewed).  The registry exports are
# UTF-16LE with a BOM and CRLF, as regedit and 'reg export' write them;
# the certificate dump of fixtures/os/2016-iiscrypto-best-practices is
# copied from fixtures/rules/SCL006/quiet/My.json (made by
# tools/fixture-gen/gen.py).
#
#   python3 tools/gen-protocol-fixtures.py
import os, shutil

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')

def w(path, text, enc='utf-16le', crlf=True, bom=True):
    p = os.path.join(root, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    if crlf:
        text = text.replace('\n', '\r\n')
    if enc == 'utf-16le':
        data = b'\xff\xfe' + text.encode('utf-16le')
    else:
        data = (b'\xef\xbb\xbf' if bom else b'') + text.encode('utf-8')
    with open(p, 'wb') as f:
        f.write(data)

IIS = "{4dc3e181-e14b-4a21-b022-59fc669b0914}"
H1 = "abe01e0240837a2645e094604eb92dcdbac237c5"   # www.example.org in SCL006/quiet/My.json
H2 = "846762724f99a530cae257c8d18ceafb46723cd2"

# ---- netsh http show sslcert ----------------------------------------------

def netsh_record(key_label, ep, h, appid=IIS, neg='Disabled', gen='2022', flags=()):
    """One record; gen '2016' prints the fields of Windows Server 2016
    (up to Negotiate Client Certificate, then Reject Connections and Disable
    HTTP2), '2022' every field of 2022/2025.  flags: labels to print as Set."""
    rows = [
        (key_label, ep),
        ("Certificate Hash", h),
        ("Application ID", appid),
        ("Certificate Store Name", "My"),
        ("Verify Client Certificate Revocation", "Enabled"),
        ("Verify Revocation Using Cached Client Certificate Only", "Disabled"),
        ("Usage Check", "Enabled"),
        ("Revocation Freshness Time", "0"),
        ("URL Retrieval Timeout", "0"),
        ("Ctl Identifier", "(null)"),
        ("Ctl Store Name", "(null)"),
        ("DS Mapper Usage", "Disabled"),
        ("Negotiate Client Certificate", neg),
        ("Reject Connections", "Disabled"),
        ("Disable HTTP2", "Not Set"),
    ]
    if gen == '2022':
        for label in ("Disable QUIC", "Disable TLS1.2", "Disable TLS1.3", "Disable OCSP Stapling",
                      "Enable Token Binding", "Log Extended Events", "Disable Legacy TLS Versions",
                      "Enable Session Ticket"):
            rows.append((label, "Not Set"))
    rows = [(k, ("Set" if k in flags else v)) for (k, v) in rows]
    return "".join("    %-29s: %s\n" % (k, v) for (k, v) in rows)

def netsh(*records):
    return "\nSSL Certificate bindings:\n-------------------------\n\n" + "\n".join(records) + "\n"

# ---- registry exports -----------------------------------------------------

SCH = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"

def dword(name, v):
    return '"%s"=dword:%08x\n' % (name, v)

def reg(keys):
    """keys: [(subkey or '', [lines])] in the order reg export writes them."""
    s = "Windows Registry Editor Version 5.00\n\n"
    for (sub, values) in keys:
        s += "[" + SCH + ("\\" + sub if sub else "") + "]\n" + "".join(values) + "\n"
    return s

def schannel(top=(), protocols=None, ciphers=None):
    """A SCHANNEL export: top-level values, then Ciphers, CipherSuites,
    Hashes, KeyExchangeAlgorithms, Protocols (alphabetical, as reg export
    sorts).  protocols: {name: {'Client': {...}, 'Server': {...}}}."""
    keys = [("", [dword("EventLogging", 1)] + list(top))]
    keys.append(("Ciphers", []))
    for (name, v) in (ciphers or []):
        keys.append(("Ciphers\\" + name, [dword("Enabled", v)]))
    keys += [("CipherSuites", []), ("Hashes", []), ("KeyExchangeAlgorithms", []), ("Protocols", [])]
    for name in sorted(protocols or {}):
        keys.append(("Protocols\\" + name, []))
        for side in ("Client", "Server"):
            vals = protocols[name].get(side)
            if vals is None:
                continue
            keys.append(("Protocols\\%s\\%s" % (name, side),
                         [dword(k, vals[k]) for k in sorted(vals, key=lambda x: (x != 'DisabledByDefault', x))]))
    return reg(keys)

OFF = {"DisabledByDefault": 1, "Enabled": 0}
ON = {"DisabledByDefault": 0, "Enabled": 0xffffffff}

def manifest(build, os_name, host="WEB01"):
    return ('{\n    "host":  "%s",\n    "os":  "%s",\n    "build":  %d,\n'
            '    "taken":  "2026-01-01T09:00:00Z"\n}\n' % (host, os_name, build))

def appconfig(sites, locations=()):
    s = '<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n    <system.applicationHost>\n        <sites>\n'
    for (name, sid, bindings) in sites:
        s += '            <site name="%s" id="%d" serverAutoStart="true">\n' % (name, sid)
        s += '                <application path="/" applicationPool="%s">\n' % name
        s += '                    <virtualDirectory path="/" physicalPath="%%SystemDrive%%\\inetpub\\wwwroot" />\n'
        s += '                </application>\n                <bindings>\n'
        for (proto, info, flags) in bindings:
            s += '                    <binding protocol="%s" bindingInformation="%s" sslFlags="%d" />\n' % (proto, info, flags)
        s += '                </bindings>\n            </site>\n'
    s += '        </sites>\n    </system.applicationHost>\n    <system.webServer>\n        <security>\n'
    s += '            <access sslFlags="None" />\n        </security>\n    </system.webServer>\n'
    for (path, flags) in locations:
        s += ('    <location path="%s">\n        <system.webServer>\n            <security>\n'
              '                <access sslFlags="%s" />\n            </security>\n        </system.webServer>\n'
              '    </location>\n' % (path, flags))
    s += '</configuration>\n'
    return s

def snapshot(folder, build=None, os_name=None, schannel_reg=None, netsh_text=None, config=None):
    if build is not None:
        w(folder + "/snapshot.json", manifest(build, os_name), enc='utf-8')
    if schannel_reg is not None:
        w(folder + "/schannel.reg", schannel_reg)
    if netsh_text is not None:
        w(folder + "/netsh-sslcert.txt", netsh_text)
    if config is not None:
        w(folder + "/applicationHost.config", config, enc='utf-8')

# ---- fixtures/os: the "as a new user would" snapshots --------------

# IIS Crypto 3.x "Best Practices" on Windows Server 2016: what it writes
# under SCHANNEL (the client side too; PCT 1.0 and Multi-Protocol Unified
# Hello off; RC2, RC4, DES, 3DES and NULL off, AES on).
BEST_PRACTICES_PROTOCOLS = {
    "Multi-Protocol Unified Hello": {"Client": OFF, "Server": OFF},
    "PCT 1.0": {"Client": OFF, "Server": OFF},
    "SSL 2.0": {"Client": OFF, "Server": OFF},
    "SSL 3.0": {"Client": OFF, "Server": OFF},
    "TLS 1.0": {"Client": OFF, "Server": OFF},
    "TLS 1.1": {"Client": OFF, "Server": OFF},
    "TLS 1.2": {"Client": ON, "Server": ON},
}
BEST_PRACTICES_CIPHERS = [
    ("AES 128/128", 0xffffffff), ("AES 256/256", 0xffffffff), ("DES 56/56", 0),
    ("NULL", 0), ("RC2 128/128", 0), ("RC2 40/128", 0), ("RC2 56/128", 0),
    ("RC4 128/128", 0), ("RC4 40/128", 0), ("RC4 56/128", 0), ("RC4 64/128", 0),
    ("Triple DES 168", 0),
]
d = "os/2016-iiscrypto-best-practices"
snapshot(d, 14393, "Windows Server 2016 Datacenter",
         schannel(protocols=BEST_PRACTICES_PROTOCOLS, ciphers=BEST_PRACTICES_CIPHERS),
         netsh(netsh_record("IP:port", "0.0.0.0:443", H1, gen='2016')),
         appconfig([("Default Web Site", 1, [("http", "*:80:", 0), ("https", "*:443:", 0)])]))
shutil.copyfile(os.path.join(root, "rules/SCL006/quiet/My.json"), os.path.join(root, d, "My.json"))

# A default Windows Server 2012 R2: the SCHANNEL export has no Server
# protocol key (only SSL 2.0\Client, which Windows writes itself).
snapshot("os/2012r2-default", 9600, "Windows Server 2012 R2 Standard",
         schannel(protocols={"SSL 2.0": {"Client": {"DisabledByDefault": 1}}}),
         netsh(netsh_record("IP:port", "0.0.0.0:443", H1, gen='2016')))

# ---- SCL016 legacy-protocol-enabled ---------------------------------------

snapshot("rules/SCL016/fires", 14393, "Windows Server 2016 Standard",
         schannel(protocols={"SSL 3.0": {"Server": ON},
                             "TLS 1.1": {"Server": {"Enabled": 0}},
                             "TLS 1.2": {"Server": {"Enabled": 0}}}),
         netsh(netsh_record("IP:port", "0.0.0.0:443", H1, gen='2016')))
snapshot("rules/SCL016/fires-2008r2", 7601, "Windows Server 2008 R2 Standard",
         schannel(protocols={"SSL 2.0": {"Server": {"Enabled": 0}}, "TLS 1.0": {"Server": OFF},
                             "TLS 1.1": {"Server": {"DisabledByDefault": 0}}}))
snapshot("rules/SCL016/fires-bindings", 20348, "Windows Server 2022 Datacenter",
         schannel(protocols={"TLS 1.1": {"Server": OFF}}),
         netsh(netsh_record("Hostname:port", "www.example.org:443", H1,
                            flags=("Disable Legacy TLS Versions",)),
               netsh_record("IP:port", "0.0.0.0:443", H1),
               netsh_record("IP:port", "0.0.0.0:8443", H2,
                            flags=("Disable TLS1.2", "Disable TLS1.3"))))
snapshot("rules/SCL016/quiet", 20348, "Windows Server 2022 Datacenter",
         schannel(protocols={"TLS 1.0": {"Server": OFF}, "TLS 1.1": {"Server": OFF},
                             "TLS 1.2": {"Server": ON}}),
         netsh(netsh_record("IP:port", "0.0.0.0:443", H1),
               netsh_record("IP:port", "0.0.0.0:8443", H2, flags=("Disable TLS1.2",))))
snapshot("rules/SCL016/quiet-per-binding", 17763, "Windows Server 2019 Standard",
         schannel(protocols={"SSL 3.0": {"Server": {"Enabled": 1}}}),
         netsh(netsh_record("IP:port", "0.0.0.0:443", H1, flags=("Disable Legacy TLS Versions",)),
               netsh_record("Hostname:port", "www.example.org:443", H1,
                            flags=("Disable Legacy TLS Versions",))))
snapshot("rules/SCL016/quiet-2025", 26100, "Windows Server 2025 Datacenter",
         schannel(),
         netsh(netsh_record("IP:port", "0.0.0.0:443", H1)))

# ---- SCL017 tls13-client-cert-renegotiation -------------------------------

PKI_SITE = [("PKI", 2, [("https", "*:443:pki.example.org", 1)])]
PKI_REQUIRE = [("PKI", "Ssl, SslNegotiateCert, SslRequireCert")]
for (folder, build, os_name, top, neg, flags, locations) in (
        ("fires", 20348, "Windows Server 2022 Datacenter", (), "Disabled", (), PKI_REQUIRE),
        ("fires-2025", 26100, "Windows Server 2025 Datacenter", (), "Disabled", (),
         [("PKI/enroll", "Ssl, SslNegotiateCert")]),
        ("fires-renego", 17763, "Windows Server 2019 Standard", (dword("DisableRenegoOnServer", 1),),
         "Disabled", (), PKI_REQUIRE),
        ("quiet", 20348, "Windows Server 2022 Datacenter", (), "Enabled", (), PKI_REQUIRE),
        ("quiet-tls13-off", 20348, "Windows Server 2022 Datacenter", (), "Disabled",
         ("Disable TLS1.3",), PKI_REQUIRE),
        ("quiet-2019", 17763, "Windows Server 2019 Standard", (), "Disabled", (), PKI_REQUIRE)):
    snapshot("rules/SCL017/" + folder, build, os_name, schannel(top=top),
             netsh(netsh_record("Hostname:port", "pki.example.org:443", H2, neg=neg, flags=flags)),
             appconfig(PKI_SITE, locations))
w("rules/SCL017/not-run/netsh-sslcert.txt",
  netsh(netsh_record("Hostname:port", "pki.example.org:443", H2)))
w("rules/SCL017/not-run/applicationHost.config", appconfig(PKI_SITE, PKI_REQUIRE), enc='utf-8')

# ---- SCL018 ocsp-stapling-off-for-sni --------------------------------------

SNI_NETSH = netsh(netsh_record("Hostname:port", "www.example.org:443", H1),
                  netsh_record("Hostname:port", "shop.example.org:443", H2),
                  netsh_record("IP:port", "0.0.0.0:443", H1))
snapshot("rules/SCL018/fires", None, None,
         schannel(top=(dword("EnableOcspStaplingForSni", 0),)), SNI_NETSH)
snapshot("rules/SCL018/quiet", None, None,
         schannel(top=(dword("EnableOcspStaplingForSni", 1),)), SNI_NETSH)
# absent: Microsoft's deliberate default (performance), not worth a note
snapshot("rules/SCL018/quiet-default", None, None, schannel(), SNI_NETSH)
snapshot("rules/SCL018/quiet-no-sni", None, None,
         schannel(top=(dword("EnableOcspStaplingForSni", 0),)),
         netsh(netsh_record("IP:port", "0.0.0.0:443", H1)))

# ---- SCL019 trust-mode-unsupported -----------------------------------------

snapshot("rules/SCL019/fires-2008r2", 7601, "Windows Server 2008 R2 Enterprise",
         schannel(top=(dword("ClientAuthTrustMode", 2), dword("SendTrustedIssuerList", 0))))
snapshot("rules/SCL019/fires-value", None, None,
         schannel(top=(dword("ClientAuthTrustMode", 3),)))
snapshot("rules/SCL019/quiet", 9600, "Windows Server 2012 R2 Standard",
         schannel(top=(dword("ClientAuthTrustMode", 2),)))

# SCL016: IIS's sslFlags 64 (disable legacy TLS) where netsh is too old to print the field
snapshot("rules/SCL016/quiet-iis-flags", 17763, "Windows Server 2019 Standard",
         schannel(protocols={"TLS 1.2": {"Server": ON}}),
         netsh(netsh_record("IP:port", "0.0.0.0:443", H1, gen='2016')),
         appconfig([("Default Web Site", 1, [("https", "*:443:", 64)])]))
