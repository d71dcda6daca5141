# The 403.7 story of DESIGN.md, as whole server snapshots (exec'd by gen.py).
APPCONFIG = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'appconfig.xml')).read()
SNI_EP, IP_EP = 'pki.adcslabor.com:443', '0.0.0.0:443'

def story(folder, host, taken, ip_ctl, sni_ctl, mode, cai):
    json51(folder + '/snapshot.json', {'host': host, 'os': 'Windows Server 2019', 'build': 17763, 'taken': taken},
           enc='utf-8-bom')
    # netsh http show sslcert > netsh-sslcert.txt: IP:port records first, then Hostname:port
    w(folder + '/netsh-sslcert.txt', netsh(
        netsh_record('IP:port', IP_EP, H_SERVER, ctl=ip_ctl or '(null)', fields='2019'),
        netsh_record('Hostname:port', SNI_EP, H_SERVER, ctl=sni_ctl or '(null)', fields='2019')))
    w(folder + '/http-parameters.reg', http_parameters(
        [(IP_EP, reg_binding_values(H_SERVER, ctl=ip_ctl))],
        [(SNI_EP, reg_binding_values(H_SERVER, ctl=sni_ctl))]))
    w(folder + '/schannel.reg', schannel_hardened(sti=1, mode=mode))
    w(folder + '/applicationHost.config', APPCONFIG, enc='utf-8-bom')
    # foreach ($s in 'My','Root','CA','ClientAuthIssuer') { Get-ChildItem Cert:\LocalMachine\$s | ConvertTo-Json > "$s.json" }
    json51(folder + '/My.json', [full51(S, 'My', True, 'PKI web server 2025', 2163862372544),
                                 full51(X, 'My', True, 'PKI web server 2020', 2163862373216)])
    json51(folder + '/Root.json', [full51(R, 'Root', False, 'Example Root CA', 2163862371200),
                                   full51(I, 'Root', False, '', 2163862372096)])
    json51(folder + '/CA.json', full51(I, 'CA', False, '', 2163862374560))
    if cai:
        json51(folder + '/ClientAuthIssuer.json', full51(I, 'ClientAuthIssuer', False, '', 2163862375232))

# WEB01 after the renewal through IIS Manager: the SNI binding lost its Ctl Store Name
story('story', 'WEB01', '2026-01-01T09:00:00Z', 'ClientAuthIssuer', None, 2, True)
# WEB02: machine trust (ClientAuthTrustMode absent), an intermediate CA in Trusted Root
story('story-machine-trust', 'WEB02', '2026-01-01T09:00:00Z', None, None, None, False)
# WEB01 after `netsh http update sslcert hostnameport=pki.adcslabor.com:443 ... sslctlstorename=ClientAuthIssuer`
story('story-fixed', 'WEB01', '2026-01-01T11:30:00Z', 'ClientAuthIssuer', 'ClientAuthIssuer', 2, True)
