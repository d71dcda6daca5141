# `netsh http show sslcert` text as Windows prints it, for the fixture
# generators (gen.py, gen_certrules.py): one record, and the whole output.
IIS = "{4dc3e181-e14b-4a21-b022-59fc669b0914}"   # IIS's Application ID

def netsh_record(key_label, ep, h, appid=IIS, store='My', ctl='(null)', neg='Disabled', fields='2022'):
    lines = [
        f"    {key_label:<29}: {ep}",
        f"    Certificate Hash             : {h}",
        f"    Application ID               : {appid}",
        f"    Certificate Store Name       : {store}",
        f"    Verify Client Certificate Revocation : Enabled",
        f"    Verify Revocation Using Cached Client Certificate Only : Disabled",
        f"    Usage Check                  : Enabled",
        f"    Revocation Freshness Time    : 0",
        f"    URL Retrieval Timeout        : 0",
        f"    Ctl Identifier               : (null)",
        f"    Ctl Store Name               : {ctl}",
        f"    DS Mapper Usage              : Disabled",
        f"    Negotiate Client Certificate : {neg}",
        f"    Reject Connections           : Disabled",
        f"    Disable HTTP2                : Not Set",
    ]
    if fields == '2022':
        lines += [
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
    return "\nSSL Certificate bindings:\n-------------------------\n\n" + "\n".join(records) + "\n\n"
