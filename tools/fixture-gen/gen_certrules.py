# Generator of the SCL020-SCL024 fixtures (inputs only; expected output comes
# from tests/golden.sh --update, reviewed).  Reads the certificates that
# tools/make-rule-certs.sh wrote into tools/fixture-gen/rulecerts/.
#   python3 tools/fixture-gen/gen_certrules.py
# Needs Python 3 with the "cryptography" module.
import os, sys, uuid
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import certs
from certs import Cert, recipe51, ps51, one_or_many

certs.CJ = os.path.join(HERE, 'rulecerts')
C = {n: Cert(n) for n in ('rroot', 'rinter', 'rtwin', 'shop', 'cnonly', 'rsa1024', 'rsa768',
                          'sha1', 'ec224', 'selfsha1')}
FX = os.path.join(HERE, '..', '..', 'fixtures', 'rules')
import netsh_text
from netsh_text import IIS, netsh_record

def w(path, text, enc='utf-16le'):
    p = os.path.join(FX, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    text = text.replace('\r\n', '\n').replace('\n', '\r\n')
    data = b'\xff\xfe' + text.encode('utf-16le') if enc == 'utf-16le' else text.encode('utf-8')
    open(p, 'wb').write(data)

def store(path, name, names, haskey=True):
    """Get-ChildItem Cert:\\LocalMachine\\<name> | Select-Object ... | ConvertTo-Json (5.1, UTF-16LE)."""
    objs = [recipe51(C[n], name, haskey) for n in names]
    w(path, ps51(one_or_many(objs)) + '\n')

def record(label, ep, name, ctl='(null)'):
    """A netsh record of the 15 fields of Windows Server 2016 for certificate `name`."""
    return netsh_record(label, ep, C[name].thumb.lower(), ctl=ctl, fields='2016')

def netsh(path, *records):
    w(path, netsh_text.netsh(*records))

def appconfig(path, bindings):
    s = ['<?xml version="1.0" encoding="UTF-8"?>', '<configuration>', '    <system.applicationHost>',
         '        <sites>', '            <site name="Shop" id="3" serverAutoStart="true">',
         '                <application path="/" applicationPool="Shop">',
         '                    <virtualDirectory path="/" physicalPath="C:\\inetpub\\shop" />',
         '                </application>', '                <bindings>']
    for info, flags in bindings:
        s.append('                    <binding protocol="https" bindingInformation="%s" sslFlags="%d" />'
                 % (info, flags))
    s += ['                </bindings>', '            </site>', '        </sites>',
          '    </system.applicationHost>', '</configuration>', '']
    w(path, "\n".join(s), enc='utf-8')

# ---- SCL020 cert-name-mismatch
netsh('SCL020/fires/netsh-sslcert.txt',
      record('Hostname:port', 'www.shop.example.org:443', 'shop'),       # wildcard: covered
      record('Hostname:port', 'a.b.shop.example.org:443', 'shop'),       # two labels: not covered
      record('Hostname:port', 'legacy.example.org:443', 'cnonly'),       # CN only
      record('Hostname:port', 'intranet.example.org:443', 'cnonly'),     # not even the CN
      record('IP:port', '0.0.0.0:443', 'shop'))
appconfig('SCL020/fires/applicationHost.config',
          [('*:443:www.shop.example.org', 1), ('*:443:a.b.shop.example.org', 1),
           ('*:443:legacy.example.org', 1), ('*:443:intranet.example.org', 1),
           ('*:443:SHOP.example.org', 0), ('*:443:orders.example.org', 0), ('*:443:', 0)])
store('SCL020/fires/My.json', 'My', ['shop', 'cnonly'])
netsh('SCL020/quiet/netsh-sslcert.txt',
      record('Hostname:port', 'www.shop.example.org:443', 'shop'),
      record('IP:port', '0.0.0.0:443', 'shop'))
appconfig('SCL020/quiet/applicationHost.config',
          [('*:443:www.shop.example.org', 1), ('*:443:Shop.Example.Org', 0), ('*:443:', 0),
           ('*:443:nosni.example.org', 1)])   # SNI without its own binding: SCL010's
store('SCL020/quiet/My.json', 'My', ['shop'])

# ---- SCL021 chain-incomplete
netsh('SCL021/fires/netsh-sslcert.txt',
      record('Hostname:port', 'shop.example.org:443', 'shop'),
      record('Hostname:port', 'selfsha1.example.org:443', 'selfsha1'))   # self-signed: exempt
store('SCL021/fires/My.json', 'My', ['shop', 'selfsha1'])
store('SCL021/fires/CA.json', 'CA', ['rtwin'])      # the issuer's name, another key
store('SCL021/fires/Root.json', 'Root', ['rroot'])
netsh('SCL021/quiet/netsh-sslcert.txt', record('Hostname:port', 'shop.example.org:443', 'shop'))
store('SCL021/quiet/My.json', 'My', ['shop'])
store('SCL021/quiet/CA.json', 'CA', ['rtwin', 'rinter'])
store('SCL021/quiet/Root.json', 'Root', ['rroot'])
netsh('SCL021/quiet-issuer-in-my/netsh-sslcert.txt', record('Hostname:port', 'shop.example.org:443', 'shop'))
store('SCL021/quiet-issuer-in-my/My.json', 'My', ['shop', 'rinter'])   # the intermediate in My
store('SCL021/quiet-issuer-in-my/CA.json', 'CA', ['rtwin'])
store('SCL021/quiet-issuer-in-my/Root.json', 'Root', ['rroot'])
netsh('SCL021/not-run-no-ca/netsh-sslcert.txt', record('Hostname:port', 'shop.example.org:443', 'shop'))
store('SCL021/not-run-no-ca/My.json', 'My', ['shop'])
store('SCL021/not-run-no-ca/Root.json', 'Root', ['rroot'])

# ---- SCL022 weak-certificate-key
netsh('SCL022/fires/netsh-sslcert.txt',
      record('Hostname:port', 'weak768.example.org:443', 'rsa768'),
      record('Hostname:port', 'weak1024.example.org:443', 'rsa1024'),
      record('Hostname:port', 'sha1.example.org:443', 'sha1'),
      record('Hostname:port', 'ec224.example.org:443', 'ec224'),
      record('Hostname:port', 'selfsha1.example.org:443', 'selfsha1'))   # its own SHA-1: exempt
store('SCL022/fires/My.json', 'My', ['rsa768', 'rsa1024', 'sha1', 'ec224', 'selfsha1'])
netsh('SCL022/quiet/netsh-sslcert.txt',
      record('Hostname:port', 'shop.example.org:443', 'shop'),
      record('Hostname:port', 'selfsha1.example.org:443', 'selfsha1'))
store('SCL022/quiet/My.json', 'My', ['shop', 'selfsha1', 'rsa768'])   # rsa768 not bound

# ---- SCL023 issuer-store-not-ca
netsh('SCL023/fires/netsh-sslcert.txt',
      record('Hostname:port', 'shop.example.org:443', 'shop', ctl='PartnerCAs'))
store('SCL023/fires/My.json', 'My', ['shop'])
store('SCL023/fires/PartnerCAs.json', 'PartnerCAs', ['rinter', 'cnonly'])
store('SCL023/fires/ClientAuthIssuer.json', 'ClientAuthIssuer', ['rroot', 'shop', 'selfsha1'])
netsh('SCL023/quiet/netsh-sslcert.txt',
      record('Hostname:port', 'shop.example.org:443', 'shop', ctl='PartnerCAs'))
store('SCL023/quiet/My.json', 'My', ['shop', 'cnonly'])                 # not an issuer store
store('SCL023/quiet/PartnerCAs.json', 'PartnerCAs', ['rinter'])
store('SCL023/quiet/ClientAuthIssuer.json', 'ClientAuthIssuer', ['rroot', 'rinter'])

# ---- SCL024 unknown-registry-value
SCH = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"

def schannel_reg(path, root, subkeys):
    s = "Windows Registry Editor Version 5.00\n\n[" + SCH + "]\n"
    s += "".join('"%s"=dword:%08x\n' % kv for kv in root)
    for sub, values in subkeys:
        s += "\n[" + SCH + "\\" + sub + "]\n"
        s += "".join('"%s"=dword:%08x\n' % kv for kv in values)
    w(path, s + "\n")

def hexbytes(b):
    return ",".join("%02x" % x for x in b)

def http_reg(path, extra):
    h = C['shop'].thumb.lower()
    s = "Windows Registry Editor Version 5.00\n\n[" + HTTP + "]\n\n[" + HTTP + "\\SslSniBindingInfo]\n\n"
    s += "[" + HTTP + "\\SslSniBindingInfo\\shop.example.org:443]\n"
    s += '"AppId"=hex:' + hexbytes(uuid.UUID(IIS).bytes_le) + "\n"
    s += '"DefaultSslCertCheckMode"=dword:00000000\n'
    s += '"DefaultFlags"=dword:00000000\n'
    s += "".join(extra)
    s += '"SslCertHash"=hex:' + hexbytes(bytes.fromhex(h)) + "\n"
    s += '"SslCertStoreName"="My"\n\n'
    w(path, s)

schannel_reg('SCL024/fires/schannel.reg',
             [('EventLogging', 1), ('SendTrusterIssuerList', 1), ('ClientAuthTrustMode', 2),
              ('sendtrustedissuerlist', 1), ('MyOwnSetting', 1)],
             [('Protocols\\TLS 1.0\\Server', [('Enable', 0), ('DisabledByDefualt', 1)]),
              ('Protocols\\TLS 1.0', [('Whatever', 1)]),                 # not a checked key
              ('Ciphers\\RC4 128/128', [('Enabeld', 0)]),
              ('Hashes\\MD5', [('Enabled', 0)]),
              ('KeyExchangeAlgorithms\\Diffie-Hellman', [('ServerMinKeyBitLength', 2048),
                                                          ('ClientMinKeyLength', 2048)])])
http_reg('SCL024/fires/http-parameters.reg',
         ['"DefaultSslCtlStorName"="ClientAuthIssuer"\n', '"SslSomethingNew"=dword:00000001\n'])
schannel_reg('SCL024/quiet/schannel.reg',
             [('EventLogging', 1), ('SendTrustedIssuerList', 1), ('ClientAuthTrustMode', 2),
              ('DisableRenegoOnServer', 1)],
             [('Protocols\\TLS 1.0\\Server', [('Enabled', 0), ('DisabledByDefault', 1)]),
              ('Protocols\\TLS 1.0\\Client', [('enabled', 0)]),
              ('Ciphers\\RC4 128/128', [('Enabled', 0)]),
              ('KeyExchangeAlgorithms\\Diffie-Hellman', [('ServerMinKeyBitLength', 2048),
                                                          ('ClientMinKeyBitLength', 2048)])])
http_reg('SCL024/quiet/http-parameters.reg', ['"DefaultSslCtlStoreName"="ClientAuthIssuer"\n'])
