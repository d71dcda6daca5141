#!/usr/bin/python3
"""Writes the SCL025 weak-cipher-suites fixtures (and the cipher-suite
parser fixtures they share), reproducibly: run from the top of the tree,
   tools/gen-scl025-fixtures.py
The dumps are what `Get-TlsCipherSuite | ConvertTo-Json` writes: the
property names and values of learn.microsoft.com's Get-TlsCipherSuite
examples; PowerShell 5.1's `>` writes UTF-16LE with a BOM, PowerShell 7
UTF-8 without one."""
import json
import os

TLS12, TLS11, TLS10 = 771, 770, 769

# name, number, cipher, cipher length, exchange, hash, certificate, protocols
SUITES = {
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384": (0xC02C, "AES", 256, "ECDH", "", "ECDSA", [TLS12]),
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256": (0xC02B, "AES", 128, "ECDH", "", "ECDSA", [TLS12]),
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384": (0xC030, "AES", 256, "ECDH", "", "RSA", [TLS12]),
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": (0xC02F, "AES", 128, "ECDH", "", "RSA", [TLS12]),
    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384": (0x009F, "AES", 256, "DH", "", "RSA", [TLS12]),
    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256": (0x009E, "AES", 128, "DH", "", "RSA", [TLS12]),
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384": (0xC028, "AES", 256, "ECDH", "SHA384", "RSA", [TLS12]),
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256": (0xC027, "AES", 128, "ECDH", "SHA256", "RSA", [TLS12]),
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA": (0xC014, "AES", 256, "ECDH", "SHA1", "RSA", [TLS12, TLS11, TLS10]),
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": (0xC013, "AES", 128, "ECDH", "SHA1", "RSA", [TLS12, TLS11, TLS10]),
    "TLS_RSA_WITH_AES_256_GCM_SHA384": (0x009D, "AES", 256, "RSA", "", "RSA", [TLS12]),
    "TLS_RSA_WITH_AES_128_GCM_SHA256": (0x009C, "AES", 128, "RSA", "", "RSA", [TLS12]),
    "TLS_RSA_WITH_AES_256_CBC_SHA256": (0x003D, "AES", 256, "RSA", "SHA256", "RSA", [TLS12]),
    "TLS_RSA_WITH_AES_128_CBC_SHA256": (0x003C, "AES", 128, "RSA", "SHA256", "RSA", [TLS12]),
    "TLS_RSA_WITH_AES_256_CBC_SHA": (0x0035, "AES", 256, "RSA", "SHA1", "RSA", [TLS12, TLS11, TLS10]),
    "TLS_RSA_WITH_AES_128_CBC_SHA": (0x002F, "AES", 128, "RSA", "SHA1", "RSA", [TLS12, TLS11, TLS10]),
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA": (0x000A, "3DES", 168, "RSA", "SHA1", "RSA", [TLS12, TLS11, TLS10]),
    "TLS_RSA_WITH_RC4_128_SHA": (0x0005, "RC4", 128, "RSA", "SHA1", "RSA", [TLS12, TLS11, TLS10]),
    "TLS_RSA_WITH_RC4_128_MD5": (0x0004, "RC4", 128, "RSA", "MD5", "RSA", [TLS12, TLS11, TLS10]),
}


def suite(name):
    num, cipher, clen, exch, hsh, cert, protos = SUITES[name]
    return {
        "KeyType": 0, "Certificate": cert, "MaximumExchangeLength": 65536,
        "MinimumExchangeLength": 0, "Exchange": exch,
        "HashLength": {"": 0, "SHA1": 160, "SHA256": 256, "SHA384": 384, "MD5": 128}[hsh],
        "Hash": hsh, "CipherBlockLength": 1 if cipher == "RC4" else (8 if cipher == "3DES" else 16),
        "CipherLength": clen, "BaseCipherSuite": num, "CipherSuite": num, "Cipher": cipher,
        "Name": name, "Protocols": protos,
    }


def ps_json(value):
    # ConvertTo-Json indents by four spaces (PowerShell 7 by two; both read alike)
    return json.dumps(value, indent=4) + "\n"


def write(path, text, utf16=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.replace("\n", "\r\n")
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + data.encode("utf-16-le") if utf16 else data.encode("utf-8"))


D = "fixtures/rules/SCL025"
# 2016's default order (learn.microsoft.com "TLS Cipher Suites in Windows
# 10 v1607"), which holds 3DES last; RC4 added at the end by hand
DEFAULT_2016 = [n for n in SUITES if "RC4" not in n]
write(D + "/fires/ciphersuites.json",
      ps_json([suite(n) for n in DEFAULT_2016 + ["TLS_RSA_WITH_RC4_128_SHA"]]), utf16=True)
# the same list without 3DES and RC4, as IIS Crypto's Best Practices leave it
write(D + "/quiet/ciphersuites.json",
      ps_json([suite(n) for n in DEFAULT_2016 if "3DES" not in n]))
# one suite: ConvertTo-Json writes an object; RC4 switched off in SCHANNEL
write(D + "/quiet-cipher-disabled/ciphersuites.json", ps_json(suite("TLS_RSA_WITH_RC4_128_MD5")))
write(D + "/quiet-cipher-disabled/schannel.reg",
      "Windows Registry Editor Version 5.00\n\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 128/128]\n"
      "\"Enabled\"=dword:00000000\n\n", utf16=True)
# no dump: the order policy lists RC4
write(D + "/fires-policy/cipher-policy.reg",
      "Windows Registry Editor Version 5.00\n\n"
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002]\n"
      "\"Functions\"=\"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
      "TLS_RSA_WITH_RC4_128_SHA\"\n\n", utf16=True)
# no dump, no policy, a SCHANNEL export of Windows Server 2012 R2: the note
write(D + "/note-default-order-2012r2/schannel.reg",
      "Windows Registry Editor Version 5.00\n\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n"
      "\"EventLogging\"=dword:00000001\n\n", utf16=True)
write(D + "/note-default-order-2012r2/snapshot.json",
      ps_json({"host": "web01", "os": "Windows Server 2012 R2", "build": 9600,
               "taken": "2026-01-01T00:00:00Z"}))
# the same on Windows Server 2016: the default order has no weak suite, quiet
write(D + "/quiet-default-order-2016/schannel.reg",
      "Windows Registry Editor Version 5.00\n\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n"
      "\"EventLogging\"=dword:00000001\n\n", utf16=True)
write(D + "/quiet-default-order-2016/snapshot.json",
      ps_json({"host": "web01", "os": "Windows Server 2016", "build": 14393,
               "taken": "2026-01-01T00:00:00Z"}))
