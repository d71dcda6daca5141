import hashlib, json, os
# Writes Root.json of fixtures/rules/SCL004/{fires,fires-empty-ctl-store,quiet}/: a Trusted Root store grown
# to 300 certificates (automatic root updates), dumped without RawData as the README's
# wrapper export writes it under PowerShell 7:
#   @{ store = 'Root'; certificates = @(Get-ChildItem Cert:\LocalMachine\Root |
#      Select-Object Thumbprint, Subject, Issuer, NotAfter, HasPrivateKey) } | ConvertTo-Json -Depth 4 > Root.json
# Subjects are made up (and issuer = subject: self-signed roots); their estimated size is
# far over SCHANNEL's 16384-byte issuer list.  Run: python3 tools/gen-scl004-fixture.py
VENDORS = ["Acme Trust Services", "Globex Certification", "Initech Secure Networks", "Umbrella Digital Identity",
           "Stark Industries PKI", "Wayne Enterprises Trust", "Cyberdyne Systems Security",
           "Tyrell Certificate Services", "Soylent Public Trust", "Hooli Global Trust"]
KINDS = ["Root CA", "Root Certification Authority", "Public Primary Certification Authority",
         "ECC Root CA", "RSA Root CA", "TLS Root CA"]
COUNTRIES = ["US", "GB", "DE", "FR", "JP"]
certs = []
for i in range(300):
    v, kind, g = VENDORS[i % 10], KINDS[i // 10 % 6], i // 60 + 1
    subject = f"CN={v} {kind} - G{g}"
    if i % 2:
        subject += f", OU=(c) {2000 + i % 25} {v} - For authorized use only, OU={v} Network"
    subject += f', O="{v}, Inc.", C={COUNTRIES[i % 5]}'
    certs.append({"Thumbprint": hashlib.sha1(subject.encode()).hexdigest().upper(), "Subject": subject,
                  "Issuer": subject, "NotAfter": f"{2030 + i % 16}-{1 + i % 12:02d}-{1 + i % 28:02d}T00:59:59+01:00",
                  "HasPrivateKey": False})
text = json.dumps({"store": "Root", "certificates": certs}, indent=2) + "\n"
for d in ("fires", "fires-empty-ctl-store", "quiet"):
    p = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "rules", "SCL004", d, "Root.json")
    os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, "w", newline="\r\n").write(text)
