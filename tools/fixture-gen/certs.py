# Certificate facts and PowerShell-shaped JSON for the fixtures (scratch helper).
import os, hashlib, base64, datetime, json
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa, ec

CJ = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'parse', 'certjson')

ATTR = {'2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.8': 'S',
        '2.5.4.7': 'L', '1.2.840.113549.1.9.1': 'E'}

def winname(name):
    parts = []
    for rdn in reversed(name.rdns):
        for a in rdn:
            v = a.value
            if any(ch in v for ch in ',+="\n<>#;'):
                v = '"' + v.replace('"', '""') + '"'
            parts.append('%s=%s' % (ATTR[a.oid.dotted_string], v))
    return ', '.join(parts)

EKU_NAMES = {'1.3.6.1.5.5.7.3.1': 'Server Authentication', '1.3.6.1.5.5.7.3.2': 'Client Authentication'}

def utc_seconds(x, attr):
    """x.<attr>_utc (cryptography 42+), or the naive UTC <attr> of older versions (Debian 12 has 38)."""
    t = getattr(x, attr + '_utc', None)
    if t is None:
        t = getattr(x, attr).replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp())

class Cert:
    def __init__(self, name):
        self.name = name
        self.x = x509.load_pem_x509_certificate(open('%s/%s.pem' % (CJ, name), 'rb').read())
        self.der = self.x.public_bytes(serialization.Encoding.DER)
        self.thumb = hashlib.sha1(self.der).hexdigest().upper()
        self.subject = winname(self.x.subject)
        self.issuer = winname(self.x.issuer)
        self.nb = utc_seconds(self.x, 'not_valid_before')
        self.na = utc_seconds(self.x, 'not_valid_after')
        self.serial = '%X' % self.x.serial_number
        if len(self.serial) % 2:
            self.serial = '0' + self.serial
        self.ekus = []
        self.dns = []
        for e in self.x.extensions:
            if e.oid.dotted_string == '2.5.29.37':
                self.ekus = [o.dotted_string for o in e.value]
            if e.oid.dotted_string == '2.5.29.17':
                self.dns = e.value.get_values_for_type(x509.DNSName)
        if not self.dns:
            self.dns = [self.x.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value]
        self.is_rsa = isinstance(self.x.public_key(), rsa.RSAPublicKey)
        self.b64 = base64.b64encode(self.der).decode()

CERTS = {n: Cert(n) for n in ('root', 'inter', 'server', 'client', 'expired', 'twinca', 'twin')}
expect = {l.split()[0]: l.split() for l in open(CJ + '/certs.expect')}
for n, c in CERTS.items():
    assert expect[n][1] == c.thumb.lower() and int(expect[n][2]) == c.nb and int(expect[n][3]) == c.na, n

# ---- Windows PowerShell 5.1 ConvertTo-Json ----
class Date51:
    def __init__(self, epoch):
        self.ms = epoch * 1000
class Raw:   # text written as is
    def __init__(self, s):
        self.s = s

def s51(s):
    out = '"'
    for ch in s:
        if ch == '"': out += '\\"'
        elif ch == '\\': out += '\\\\'
        elif ch in "<>'&" or ord(ch) < 0x20: out += '\\u%04x' % ord(ch)
        else: out += ch
    return out + '"'

def ps51(v, col=0):
    if isinstance(v, Date51): return '"\\/Date(%d)\\/"' % v.ms
    if isinstance(v, Raw): return v.s
    if v is None: return 'null'
    if v is True: return 'true'
    if v is False: return 'false'
    if isinstance(v, int): return str(v)
    if isinstance(v, str): return s51(v)
    if isinstance(v, list):
        if not v: return '[\n\n' + ' ' * col + ']'
        return '[\n' + ',\n'.join(' ' * (col + 4) + ps51(x, col + 4) for x in v) + '\n' + ' ' * col + ']'
    items = []
    for k, x in v.items():
        head = ' ' * (col + 4) + '"%s":  ' % k
        items.append(head + ps51(x, len(head)))
    return '{\n' + ',\n'.join(items) + '\n' + ' ' * col + '}'

PSPATH = 'Microsoft.PowerShell.Security\\Certificate::LocalMachine\\'

def eku51(c):
    return [{'FriendlyName': EKU_NAMES[o], 'ObjectId': o} for o in c.ekus]

def ext51(c):
    out = []
    for e in c.x.extensions:
        oid = e.oid.dotted_string
        raw = ' '.join(str(b) for b in e.value.public_bytes())
        d = {}
        if oid == '2.5.29.19':
            d = {'CertificateAuthority': e.value.ca, 'HasPathLengthConstraint': e.value.path_length is not None,
                 'PathLengthConstraint': e.value.path_length or 0}
        elif oid == '2.5.29.15':
            ku = e.value
            flags = (128 if ku.digital_signature else 0) | (32 if ku.key_encipherment else 0) | \
                    (4 if ku.key_cert_sign else 0) | (2 if ku.crl_sign else 0)
            d = {'KeyUsages': flags}
        elif oid == '2.5.29.37':
            d = {'EnhancedKeyUsages': 'System.Security.Cryptography.OidCollection'}
        elif oid == '2.5.29.14':
            d = {'SubjectKeyIdentifier': e.value.digest.hex().upper()}
        d.update({'Critical': e.critical, 'Oid': 'System.Security.Cryptography.Oid', 'RawData': raw})
        out.append(d)
    return out

def full51(c, store, haskey, friendly='', handle=2628421609632):
    """What Get-ChildItem Cert:\\LocalMachine\\<store> | ConvertTo-Json writes for one certificate."""
    return {
        'PSPath': PSPATH + store + '\\' + c.thumb,
        'PSParentPath': PSPATH + store,
        'PSChildName': c.thumb,
        'PSDrive': {'CurrentLocation': '', 'Name': 'Cert', 'Provider': 'Microsoft.PowerShell.Security\\Certificate',
                    'Root': '\\', 'Description': 'X509 Certificate Provider', 'MaximumSize': None,
                    'Credential': 'System.Management.Automation.PSCredential', 'DisplayRoot': None},
        'PSProvider': {'ImplementingType': 'Microsoft.PowerShell.Commands.CertificateProvider',
                       'HelpFile': 'Microsoft.PowerShell.Security.dll-Help.xml', 'Name': 'Certificate',
                       'PSSnapIn': 'Microsoft.PowerShell.Security', 'ModuleName': 'Microsoft.PowerShell.Security',
                       'Module': None, 'Description': '', 'Capabilities': 8, 'Home': '', 'Drives': 'Cert'},
        'PSIsContainer': False,
        'EnhancedKeyUsageList': eku51(c),
        'DnsNameList': [{'Punycode': d, 'Unicode': d} for d in c.dns],
        'SendAsTrustedIssuer': False,
        'EnrollmentPolicyEndPoint': {'Url': None, 'Authentication': 0},
        'EnrollmentServerEndPoint': {'Url': None, 'Authentication': 0},
        'PolicyId': None,
        'Archived': False,
        'Extensions': ext51(c),
        'FriendlyName': friendly,
        'IssuerName': {'Name': c.issuer, 'Oid': 'System.Security.Cryptography.Oid', 'RawData': 'System.Byte[]'},
        'NotAfter': Date51(c.na),
        'NotBefore': Date51(c.nb),
        'HasPrivateKey': haskey,
        'PrivateKey': 'System.Security.Cryptography.RSACryptoServiceProvider' if haskey and c.is_rsa else None,
        'PublicKey': {'EncodedKeyValue': 'System.Security.Cryptography.AsnEncodedData',
                      'EncodedParameters': 'System.Security.Cryptography.AsnEncodedData',
                      'Key': 'System.Security.Cryptography.RSACryptoServiceProvider' if c.is_rsa else None,
                      'Oid': 'System.Security.Cryptography.Oid'},
        'RawData': list(c.der),
        'SerialNumber': c.serial,
        'SubjectName': {'Name': c.subject, 'Oid': 'System.Security.Cryptography.Oid', 'RawData': 'System.Byte[]'},
        'SignatureAlgorithm': {'Value': '1.2.840.113549.1.1.11', 'FriendlyName': 'sha256RSA'},
        'Thumbprint': c.thumb,
        'Version': 3,
        'Handle': handle,
        'Issuer': c.issuer,
        'Subject': c.subject,
    }

def recipe51(c, store, haskey, friendly=''):
    """The README export recipe (Select-Object ..., RawData as Base64), as 5.1 writes it."""
    return {'Thumbprint': c.thumb, 'Subject': c.subject, 'Issuer': c.issuer,
            'NotBefore': Date51(c.nb), 'NotAfter': Date51(c.na), 'HasPrivateKey': haskey,
            'FriendlyName': friendly, 'PSParentPath': PSPATH + store,
            'EnhancedKeyUsageList': eku51(c), 'RawData': c.b64}

def one_or_many(objs):
    return objs[0] if len(objs) == 1 else objs
