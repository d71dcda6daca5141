#!/bin/bash
# Writes the certificates of the certificate-rule fixtures (SCL020-SCL023)
# into tools/fixture-gen/rulecerts/ as NAME.pem, made with the openssl CLI.
# Keys are fresh on every run (thumbprints change) and are not kept;
# subjects, extensions and dates are fixed.  The PEMs are committed; run
# this again only to change them, then tools/fixture-gen/gen_certrules.py
# and tests/golden.sh --update (and review the diff).
#
#   rroot     self-signed CA "CN=Example Rule Root, O=Example", RSA 2048
#   rinter    CA "CN=Example Rule Issuing CA, O=Example", RSA 2048, by rroot
#   rtwin     a CA with rinter's subject but another key (its SKI differs),
#             self-signed: a name match that the key identifiers refute
#   shop      EC P-256, SAN shop.example.org and *.shop.example.org, by rinter
#   cnonly    RSA 2048, CN=legacy.example.org and no subjectAltName, by rinter
#   rsa1024   RSA 1024, SAN weak1024.example.org, by rinter
#   rsa768    RSA 768, SAN weak768.example.org, by rinter
#   sha1      RSA 2048, SAN sha1.example.org, signed with SHA-1 by rinter
#   ec224     EC P-224, SAN ec224.example.org, by rinter
#   selfsha1  self-signed RSA 2048 leaf signed with SHA-1, SAN selfsha1.example.org
# Validity: 2025-06-01 .. 2027-06-01 for all (the fixtures' --now is 2026-01-01).
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-tools/fixture-gen/rulecerts}
mkdir -p "$OUT"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

cat > "$W/ext.cnf" <<EOT
[ ca ]
default_ca = fx
[ fx ]
dir = $W
database = $W/index.txt
new_certs_dir = $W/new
serial = $W/serial
policy = pol
unique_subject = no
[ pol ]
commonName = supplied
[ v3ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = \$ENV::SAN
[ cnonly ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOT
touch "$W/index.txt"
echo 2000 > "$W/serial"
mkdir -p "$W/new"

key() {   # key NAME rsa BITS | key NAME ec CURVE
	case $2 in
	rsa) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$3" -out "$W/$1.key" 2>/dev/null ;;
	ec)  openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$3" -out "$W/$1.key" ;;
	esac
}

# cert NAME SUBJ EXT SIGNER MD [SAN]   (SIGNER "self": self-signed)
cert() {
	export SAN=${6:-DNS:unused.example.org}
	openssl req -new -key "$W/$1.key" -subj "$2" -out "$W/$1.csr"
	if [ "$4" = self ]; then
		signer=(-selfsign -keyfile "$W/$1.key")
	else
		signer=(-cert "$OUT/$4.pem" -keyfile "$W/$4.key")
	fi
	openssl ca -batch -config "$W/ext.cnf" -preserveDN -notext -md "$5" \
		-startdate 20250601000000Z -enddate 20270601000000Z -extensions "$3" "${signer[@]}" \
		-in "$W/$1.csr" -out "$W/$1.pem" 2>/dev/null
	openssl x509 -in "$W/$1.pem" -out "$OUT/$1.pem"
}

key rroot rsa 2048
cert rroot "/O=Example/CN=Example Rule Root" v3ca self sha256
key rinter rsa 2048
cert rinter "/O=Example/CN=Example Rule Issuing CA" v3ca rroot sha256
key rtwin rsa 2048
cert rtwin "/O=Example/CN=Example Rule Issuing CA" v3ca self sha256
key shop ec P-256
cert shop "/O=Example/CN=shop.example.org" leaf rinter sha256 "DNS:shop.example.org, DNS:*.shop.example.org"
key cnonly rsa 2048
cert cnonly "/O=Example/CN=legacy.example.org" cnonly rinter sha256
key rsa1024 rsa 1024
cert rsa1024 "/O=Example/CN=weak1024.example.org" leaf rinter sha256 "DNS:weak1024.example.org"
key rsa768 rsa 768
cert rsa768 "/O=Example/CN=weak768.example.org" leaf rinter sha256 "DNS:weak768.example.org"
key sha1 rsa 2048
cert sha1 "/O=Example/CN=sha1.example.org" leaf rinter sha1 "DNS:sha1.example.org"
key ec224 ec P-224
cert ec224 "/O=Example/CN=ec224.example.org" leaf rinter sha256 "DNS:ec224.example.org"
key selfsha1 rsa 2048
cert selfsha1 "/O=Example/CN=selfsha1.example.org" leaf self sha1 "DNS:selfsha1.example.org"
