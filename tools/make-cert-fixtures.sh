#!/bin/bash
# Writes the certificate fixtures of the certjson parser tests into
# fixtures/parse/certjson/: real certificates made with the openssl CLI,
# and PowerShell-shaped JSON dumps of them.  Keys are fresh on every run
# (so thumbprints change); validity dates are fixed.  The outputs are
# committed; run this again only to change them, then re-run the tests.
#
#   tools/make-cert-fixtures.sh [OUTDIR]
#
# Certificates (NAME.pem, NAME.b64 = one-line Base64 of the DER):
#   root     self-signed CA, RSA 3072              2024-01-01 .. 2034-01-01
#   inter    CA signed by root, RSA 2048           2024-01-01 .. 2029-01-01
#   server   EC P-256, EKU serverAuth+clientAuth, signed by inter
#                                                  2025-06-01 12:30:45 .. 2027-06-01
#   client   EC P-384, EKU clientAuth only, signed by inter; a subject with
#            a quoted O, S= and E= as Windows prints them
#                                                  2025-01-01 .. 2028-01-01
#   expired  RSA 2048, EKU serverAuth, signed by inter
#                                                  2020-01-01 .. 2021-01-01
#   twinca   self-signed CA "CN=Example Twin, O=Example" (key A)
#   twin     subject AND issuer "CN=Example Twin, O=Example", key B, signed
#            by key A: the names say self-signed, the signature says no
#                                                  both 2024-01-01 .. 2030-01-01
# certs.expect: one line per certificate: NAME SHA1 NOTBEFORE NOTAFTER
# (lower-case hex; seconds since the epoch of what `openssl x509 -dates`
# printed).
#
# Dumps (what Get-ChildItem Cert:\LocalMachine\<Store> | ConvertTo-Json
# writes):
#   ps51-root.json      Windows PowerShell 5.1, full objects (every
#                       property name), array of root, inter, twinca, twin;
#                       RawData as byte arrays, "\/Date(ms)\/" dates
#   ps51-my-single.json 5.1, one full object (server): an object, not an array
#   ps7-my.json         PowerShell 7, Select-Object subset with
#                       @{n='RawData';e={[Convert]::ToBase64String($_.RawData)}}:
#                       server, client, expired; ISO 8601 dates with offsets
#   LocalMachine-WebHosting.json
#                       PowerShell 7, one object without PSParentPath or
#                       RawData (twin): store from the file name
#   wrapper-clientauthissuer.json
#                       {"store": "ClientAuthIssuer", "certificates": [...]}
#                       (inter), dates as {"value", "DateTime"} objects
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-fixtures/parse/certjson}
mkdir -p "$OUT"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

cat > "$W/ca.cnf" <<EOF
[ ca ]
default_ca = fx
[ fx ]
dir = $W
database = $W/index.txt
new_certs_dir = $W/new
serial = $W/serial
default_md = sha256
policy = pol
unique_subject = no
email_in_dn = yes
[ pol ]
commonName = supplied
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_inter ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_server ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:www.example.org, DNS:example.org
[ v3_client ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
[ v3_expired ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:old.example.org
EOF
touch "$W/index.txt"
echo 1000 > "$W/serial"
mkdir -p "$W/new"

key() {   # key NAME rsa BITS | key NAME ec CURVE
	case $2 in
	rsa) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$3" -out "$W/$1.key" 2>/dev/null ;;
	ec)  openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$3" -out "$W/$1.key" ;;
	esac
}

# issue NAME SUBJ EXT START END SIGNER  (SIGNER "self": self-signed)
issue() {
	openssl req -new -key "$W/$1.key" -subj "$2" -out "$W/$1.csr"
	if [ "$6" = self ]; then
		signer=(-selfsign -keyfile "$W/$1.key")
	else
		signer=(-cert "$W/$6.pem" -keyfile "$W/$6.key")
	fi
	openssl ca -batch -config "$W/ca.cnf" -preserveDN -notext -md sha256 \
		-startdate "$4" -enddate "$5" -extensions "$3" "${signer[@]}" \
		-in "$W/$1.csr" -out "$W/$1.pem" 2>/dev/null
}

key root rsa 3072
issue root "/C=US/O=Example/CN=Example Root CA" v3_root 20240101000000Z 20340101000000Z self
key inter rsa 2048
issue inter "/C=US/O=Example/CN=Example Issuing CA 1" v3_inter 20240101000000Z 20290101000000Z root
key server ec P-256
issue server "/C=US/O=Example/CN=www.example.org" v3_server 20250601123045Z 20270601000000Z inter
key client ec P-384
issue client "/C=US/ST=Washington/O=Example, Inc./CN=Client 01/emailAddress=client01@example.org" \
	v3_client 20250101000000Z 20280101000000Z inter
key expired rsa 2048
issue expired "/C=US/O=Example/CN=old.example.org" v3_expired 20200101000000Z 20210101000000Z inter
key twinca rsa 2048
issue twinca "/O=Example/CN=Example Twin" v3_root 20240101000000Z 20300101000000Z self
key twin rsa 2048
issue twin "/O=Example/CN=Example Twin" v3_inter 20240101000000Z 20300101000000Z twinca

NAMES="root inter server client expired twinca twin"
: > "$OUT/certs.expect"
for n in $NAMES; do
	openssl x509 -in "$W/$n.pem" -out "$OUT/$n.pem"
	openssl x509 -in "$W/$n.pem" -outform DER -out "$W/$n.der"
	openssl base64 -A -in "$W/$n.der" > "$OUT/$n.b64"
	sha1=$(openssl x509 -in "$W/$n.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
	nb=$(openssl x509 -in "$W/$n.pem" -noout -startdate | sed 's/.*=//')
	na=$(openssl x509 -in "$W/$n.pem" -noout -enddate | sed 's/.*=//')
	echo "$n $(echo "$sha1" | tr 'A-F' 'a-f') $(date -u -d "$nb" +%s) $(date -u -d "$na" +%s)" >> "$OUT/certs.expect"
done

# ---- what the JSON dumps need of each certificate ----
sha1u() { awk -v n="$1" '$1 == n { print toupper($2) }' "$OUT/certs.expect"; }
nb() { awk -v n="$1" '$1 == n { print $3 }' "$OUT/certs.expect"; }
na() { awk -v n="$1" '$1 == n { print $4 }' "$OUT/certs.expect"; }
# the subject/issuer as PowerShell prints them (CertNameToStr, reversed)
winname() {
	openssl x509 -in "$W/$1.pem" -noout "-$2" -nameopt RFC2253,sep_comma_plus_space |
		sed 's/^[a-z]*=//; s/ST=/S=/; s/emailAddress=/E=/; s/O=Example\\, Inc\./O="Example, Inc."/'
}
serial() { openssl x509 -in "$W/$1.pem" -noout -serial | sed 's/.*=//'; }
b64() { cat "$OUT/$1.b64"; }
# PowerShell 7 writes local times with their offset; these dumps were "taken" at UTC+01:00
iso() { date -u -d "@$(( $1 + 3600 ))" +%Y-%m-%dT%H:%M:%S+01:00; }
isofrac() { date -u -d "@$(( $1 + 3600 ))" +%Y-%m-%dT%H:%M:%S.0000000+01:00; }
longdate() { date -u -d "@$1" '+%A, %B %-d, %Y %-I:%M:%S %p'; }
# the byte array of RawData the way 5.1 indents it: one number a line
bytes51() {   # bytes51 NAME INDENT
	od -An -tu1 -v "$W/$1.der" | tr -s ' \n' '\n\n' | sed '/^$/d' |
		awk -v ind="$2" '{ a[NR] = $1 } END { for (i = 1; i <= NR; i++) printf "%s%s%s\n", ind, a[i], i < NR ? "," : "" }'
}

# A full Windows PowerShell 5.1 object (ConvertTo-Json's two-space "key":  value
# and deep alignment), at indent IND (4 for an array element, 0 alone).
ps51_object() {   # ps51_object NAME STORE EKU_JSON HASKEY FRIENDLY IND
	local n=$1 store=$2 eku=$3 haskey=$4 fname=$5 i=$6
	local t=$(sha1u "$n") s=$(winname "$n" subject) is=$(winname "$n" issuer)
	local p="$i    " cn=${s%%,*}
	cn=${cn#CN=}
	cat <<EOF
$i{
${p}"PSPath":  "Microsoft.PowerShell.Security\\\\Certificate::LocalMachine\\\\$store\\\\$t",
${p}"PSParentPath":  "Microsoft.PowerShell.Security\\\\Certificate::LocalMachine\\\\$store",
${p}"PSChildName":  "$t",
${p}"PSDrive":  {
${p}                "CurrentLocation":  "",
${p}                "Name":  "Cert",
${p}                "Provider":  "Microsoft.PowerShell.Security\\\\Certificate",
${p}                "Root":  "\\\\",
${p}                "Description":  "X509 Certificate Provider",
${p}                "MaximumSize":  null,
${p}                "Credential":  "System.Management.Automation.PSCredential",
${p}                "DisplayRoot":  null
${p}            },
${p}"PSProvider":  {
${p}                   "ImplementingType":  "Microsoft.PowerShell.Commands.CertificateProvider",
${p}                   "HelpFile":  "Microsoft.PowerShell.Security.dll-Help.xml",
${p}                   "Name":  "Certificate",
${p}                   "PSSnapIn":  "Microsoft.PowerShell.Security",
${p}                   "ModuleName":  "Microsoft.PowerShell.Security",
${p}                   "Module":  null,
${p}                   "Description":  "",
${p}                   "Capabilities":  8,
${p}                   "Home":  "",
${p}                   "Drives":  "Cert"
${p}               },
${p}"PSIsContainer":  false,
${p}"EnhancedKeyUsageList":  $eku,
${p}"DnsNameList":  [
${p}                    {
${p}                        "Punycode":  "$cn",
${p}                        "Unicode":  "$cn"
${p}                    }
${p}                ],
${p}"SendAsTrustedIssuer":  false,
${p}"EnrollmentPolicyEndPoint":  {
${p}                                 "Url":  null,
${p}                                 "Authentication":  0
${p}                             },
${p}"EnrollmentServerEndPoint":  {
${p}                                 "Url":  null,
${p}                                 "Authentication":  0
${p}                             },
${p}"PolicyId":  null,
${p}"Archived":  false,
${p}"Extensions":  [
${p}                   {
${p}                       "Critical":  true,
${p}                       "Oid":  "System.Security.Cryptography.Oid",
${p}                       "RawData":  "48 3 1 1 255"
${p}                   }
${p}               ],
${p}"FriendlyName":  "$fname",
${p}"IssuerName":  {
${p}                   "Name":  "$is",
${p}                   "Oid":  "System.Security.Cryptography.Oid",
${p}                   "RawData":  "System.Byte[]"
${p}               },
${p}"NotAfter":  "\\/Date($(na "$n")000)\\/",
${p}"NotBefore":  "\\/Date($(nb "$n")000)\\/",
${p}"HasPrivateKey":  $haskey,
${p}"PrivateKey":  null,
${p}"PublicKey":  {
${p}                  "EncodedKeyValue":  "System.Security.Cryptography.AsnEncodedData",
${p}                  "EncodedParameters":  "System.Security.Cryptography.AsnEncodedData",
${p}                  "Key":  "System.Security.Cryptography.RSACryptoServiceProvider",
${p}                  "Oid":  "System.Security.Cryptography.Oid"
${p}              },
${p}"RawData":  [
$(bytes51 "$n" "$p                ")
${p}            ],
${p}"SerialNumber":  "$(serial "$n")",
${p}"SubjectName":  {
${p}                    "Name":  "$s",
${p}                    "Oid":  "System.Security.Cryptography.Oid",
${p}                    "RawData":  "System.Byte[]"
${p}                },
${p}"SignatureAlgorithm":  {
${p}                           "Value":  "1.2.840.113549.1.1.11",
${p}                           "FriendlyName":  "sha256RSA"
${p}                       },
${p}"Thumbprint":  "$t",
${p}"Version":  3,
${p}"Handle":  2628421609632,
${p}"Issuer":  "$is",
${p}"Subject":  "$s"
$i}
EOF
}

EMPTY51='[

                             ]'
# an array of objects: ConvertTo-Json closes every element but the last with "},"
join_array() {   # join_array FILE...
	echo "["
	while [ $# -gt 1 ]; do
		sed '$s/}$/},/' "$1"
		shift
	done
	cat "$1"
	echo "]"
}
ps51_object root Root "$EMPTY51" false "Example Root CA" "    " > "$W/o1"
ps51_object inter Root "$EMPTY51" false "" "    " > "$W/o2"
ps51_object twinca Root "$EMPTY51" false "Twin \\u0027A\\u0027" "    " > "$W/o3"
ps51_object twin Root "$EMPTY51" false "Twin \\u0027B\\u0027 \\u003cnot self-signed\\u003e" "    " > "$W/o4"
join_array "$W/o1" "$W/o2" "$W/o3" "$W/o4" > "$OUT/ps51-root.json"

SERVER_EKU='[
                                 {
                                     "FriendlyName":  "Server Authentication",
                                     "ObjectId":  "1.3.6.1.5.5.7.3.1"
                                 },
                                 {
                                     "FriendlyName":  "Client Authentication",
                                     "ObjectId":  "1.3.6.1.5.5.7.3.2"
                                 }
                             ]'
ps51_object server My "$SERVER_EKU" true "www.example.org 2025" "" > "$OUT/ps51-my-single.json"

# ---- PowerShell 7: Select-Object subset, RawData as Base64 ----
ps7_object() {   # ps7_object NAME EKU_JSON HASKEY FRIENDLY IND
	local n=$1 eku=$2 haskey=$3 fname=$4 i=$5
	local p="$i  "
	echo "$i{"
	echo "${p}\"Thumbprint\": \"$(sha1u "$n")\","
	echo "${p}\"Subject\": \"$(winname "$n" subject | sed 's/"/\\"/g')\","
	echo "${p}\"Issuer\": \"$(winname "$n" issuer | sed 's/"/\\"/g')\","
	echo "${p}\"FriendlyName\": \"$fname\","
	echo "${p}\"NotBefore\": \"$(isofrac "$(nb "$n")")\","
	echo "${p}\"NotAfter\": \"$(iso "$(na "$n")")\","
	echo "${p}\"HasPrivateKey\": $haskey,"
	echo "${p}\"EnhancedKeyUsageList\": $eku,"
	echo "${p}\"PSParentPath\": \"Microsoft.PowerShell.Security\\\\Certificate::LocalMachine\\\\My\","
	echo "${p}\"RawData\": \"$(b64 "$n")\""
	echo "$i}"
}
eku7() {   # eku7 IND "Name:oid" ...
	local i=$1
	shift
	printf '['
	local sep=""
	for e in "$@"; do
		printf '%s\n%s  {\n%s    "FriendlyName": "%s",\n%s    "ObjectId": "%s"\n%s  }' \
			"$sep" "$i" "$i" "${e%%:*}" "$i" "${e#*:}" "$i"
		sep=","
	done
	printf '\n%s]' "$i"
}
ps7_object server "$(eku7 "    " "Server Authentication:1.3.6.1.5.5.7.3.1" "Client Authentication:1.3.6.1.5.5.7.3.2")" true "" "  " > "$W/p1"
ps7_object client "$(eku7 "    " "Client Authentication:1.3.6.1.5.5.7.3.2")" true "client 01" "  " > "$W/p2"
ps7_object expired "$(eku7 "    " "Server Authentication:1.3.6.1.5.5.7.3.1")" false "old" "  " > "$W/p3"
join_array "$W/p1" "$W/p2" "$W/p3" > "$OUT/ps7-my.json"

cat > "$OUT/LocalMachine-WebHosting.json" <<EOF
{
  "Thumbprint": "$(sha1u twin)",
  "Subject": "$(winname twin subject)",
  "Issuer": "$(winname twin issuer)",
  "NotAfter": "$(iso "$(na twin)")",
  "HasPrivateKey": false
}
EOF

cat > "$OUT/wrapper-clientauthissuer.json" <<EOF
{
  "store": "ClientAuthIssuer",
  "certificates": [
    {
      "Thumbprint": "$(sha1u inter)",
      "Subject": "$(winname inter subject)",
      "Issuer": "$(winname inter issuer)",
      "NotBefore": {
        "value": "\\/Date($(nb inter)000)\\/",
        "DateTime": "$(longdate "$(nb inter)")"
      },
      "NotAfter": {
        "value": "\\/Date($(na inter)000)\\/",
        "DateTime": "$(longdate "$(na inter)")"
      },
      "RawData": "$(b64 inter)"
    }
  ]
}
EOF

command -v python3 >/dev/null && for f in "$OUT"/*.json; do
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$f" 2>/dev/null ||
		{ echo "make-cert-fixtures: $f is not valid JSON" >&2; exit 1; }
done
echo "wrote $(ls "$OUT" | wc -l) files to $OUT"
