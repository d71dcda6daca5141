#!/bin/sh
# The CI formats as their consumers read them, and -q:
#   github  every line is a workflow command of ours, read back as the
#           Actions runner reads it (its unescaping): hostile site, host and
#           file names (a line break then "::warning::pwned", a CR, "%0A",
#           ',' and ':') come back only as visible escapes, never as a
#           command, a line or a property of their own;
#   gitlab  the fields GitLab's Code Quality format requires, the same
#           fingerprints as the JSON report, unique, relative paths;
#   junit   xmllint against tests/junit.xsd, and the counts: each suite's
#           and the root's tests, failures, errors, skipped equal the test
#           cases; a failure exactly for the rules whose findings fail
#           --fail-on (from the JSON report), skipped for rules not run;
#   -q      no notes, no rules not run; warnings, errors, the summary and
#           the exit code as without it.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/sslcertlint
PY=/usr/bin/python3
export LC_ALL=C
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$ROOT/tests/check-lib.sh"
cd "$T" || exit 2
lint() { "$BIN" --now 2026-01-01T00:00:00Z --color never "$@"; }

# ---- hostile snapshots ----
# a site whose name holds CR, LF + commands, "%0A" and ",": (XML character references)
cp -r "$ROOT/fixtures/hostile-text" hostile
sed 's|<site name="[^"]*"|<site name="x\&#13;::error::pwned\&#10;::warning::pwned %0A::notice::pwned, y:z"|' \
	"$ROOT/fixtures/hostile-text/applicationHost.config" > hostile/applicationHost.config
# certificate names with U+FFFE/U+FFFF, which XML 1.0 does not allow
sed 's|"Subject": "|"Subject": "\\uffff\\ufffe |' "$ROOT/fixtures/hostile-text/Root.json" > hostile/Root.json
# a file with findings, named with CR, a command, ',', ':' and "%0A"
mkdir evilname
EVIL=$(printf 'net\r::warning::pwned,a:b%%0A.txt')
cp "$ROOT/fixtures/demo/netsh-sslcert.txt" "evilname/$EVIL"
cp "$ROOT/fixtures/demo/schannel.reg" evilname/
# a fleet: a host named with LF + a command, the same snapshot twice, a
# rule with only a warning, a broken host
mkdir fleet
cp -r "$ROOT/fixtures/demo" fleet/evil
printf '{"host": "web\\n::warning::pwned\\r%%0A,x", "taken": "2025-12-01T00:00:00Z"}\n' > fleet/evil/snapshot.json
cp -r "$ROOT/fixtures/story" fleet/web01
cp -r "$ROOT/fixtures/story" fleet/web02
sed 's/WEB01/WEB02/' "$ROOT/fixtures/story/snapshot.json" > fleet/web02/snapshot.json
cp -r "$ROOT/fixtures/rules/SCL001/fires-iis" fleet/iis      # a warning of SCL013 alone
mkdir fleet/broken
printf 'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n"SendTrustedIssuerList"=dword:1x\n' > fleet/broken/schannel.reg

# ---- github ----
for t in hostile evilname fleet; do
	if [ $t = fleet ]; then lint --format github --fleet fleet > gh-$t; else lint --format github $t > gh-$t; fi
	echo $? > gh-$t.rc
done
cat gh-hostile gh-evilname gh-fleet > gh-all
CHECK_SHOW=gh-check
check "github: exit codes as the text report's (1, 1, 2)" [ "$(cat gh-hostile.rc gh-evilname.rc gh-fleet.rc | tr -d '\n')" = 112 ]
check "github: no raw CR, no control character but the line ends" \
	sh -c '[ "$(tr -d "\n" < gh-all | tr -cd "\000-\037\177" | wc -c)" = 0 ]'
check "github: no line starts with the hostile command" sh -c '! grep -q "^::[a-z]*::pwned" gh-all'
$PY - gh-all "$EVIL" > gh-check 2>&1 <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
evil = sys.argv[2]
assert lines[-1] == "", "no final newline"
# what the runner undoes (actions/runner ActionCommand: data, then properties)
def data(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
def prop(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
cmd = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")
seen = {"file": [], "title": [], "data": []}
for line in lines[:-1]:
    m = cmd.match(line)
    assert m, "not a command of ours: %r" % line
    props = {}
    for p in (m.group(2) or "").split(","):
        if not p:
            continue
        k, v = p.split("=", 1)
        assert k in ("file", "line", "col", "title"), "property %r in %r" % (k, line)
        props[k] = prop(v)
    for k in ("line", "col"):
        assert k not in props or props[k].isdigit(), line
    for k in ("file", "title"):
        if k in props:
            assert "\r" not in props[k] and "\n" not in props[k], "a break in %s: %r" % (k, line)
            seen[k].append(props[k])
    text = data(m.group(3))
    assert "\r" not in text, "a CR in a message: %r" % line
    for part in text.split("\n"):
        assert not part.startswith("::"), "a message line starting with '::': %r" % line
    seen["data"].append(text)
everything = seen["file"] + seen["title"] + seen["data"]
# the hostile text comes back only as visible escapes: "\n", "\r" or the "%0A" it had
for s in everything:
    for m in re.finditer(r"::(error|warning|notice)::pwned", s):
        before = s[max(0, m.start() - 3):m.start()]
        assert before[1:] in ("\\n", "\\r") or before == "%0A", "unescaped command in %r" % s
assert any("x\\r::error::pwned\\n::warning::pwned %0A::notice::pwned, y:z" in s for s in seen["data"]), \
    "the hostile site name is not in a message, escaped"
want_file = "evilname/" + evil.replace("\r", "\\r")
assert want_file in seen["file"], "file=%r not among %r" % (want_file, seen["file"])
assert any(t.endswith(" on web\\n::warning::pwned\\r%0A,x") for t in seen["title"]), seen["title"]
assert any("\\x1b]0;owned\\x07" in s for s in everything), "ESC sequence not shown escaped"
PY
check "github: read back as the runner does, hostile text only escaped" [ $? = 0 ]
check "github: the summary is the last line, a notice" sh -c 'tail -1 gh-hostile | grep -q "^::notice title=sslcertlint::1 error, 0 warnings, 1 note"'
check "github: input errors of the broken host" grep -q "^::error file=fleet/broken/schannel.reg,line=4,col=31,title=parse.reg on broken::malformed dword '1x'" gh-fleet

# ---- gitlab ----
lint --format gitlab --fleet fleet > gl-fleet
check "gitlab: exit 2 with a broken host" [ $? = 2 ]
lint --format json --fleet fleet > json-fleet
(cd "$ROOT" && "$BIN" --now 2026-01-01T00:00:00Z --format gitlab ./fixtures/demo) > gl-demo
check "gitlab: exit 1 with findings" [ $? = 1 ]
(cd "$ROOT" && "$BIN" --now 2026-01-01T00:00:00Z --format json ./fixtures/demo) > json-demo
CHECK_SHOW=gl-check
$PY - gl-fleet json-fleet gl-demo json-demo > gl-check 2>&1 <<'PY'
import json, sys
def check(gl, js):
    issues = json.load(open(gl))
    report = json.load(open(js))
    assert isinstance(issues, list) and issues, "not a non-empty array"
    # GitLab's "Code Quality report format": the required fields
    for i in issues:
        assert isinstance(i.get("description"), str) and i["description"], i
        assert isinstance(i.get("check_name"), str) and i["check_name"], i
        assert isinstance(i.get("fingerprint"), str) and i["fingerprint"], i
        assert i.get("severity") in ("info", "minor", "major", "critical", "blocker"), i
        loc = i.get("location")
        assert isinstance(loc, dict) and isinstance(loc.get("path"), str), i
        assert not loc["path"].startswith("/") and not loc["path"].startswith("./"), loc
        begin = loc.get("lines", {}).get("begin")
        assert isinstance(begin, int) and not isinstance(begin, bool) and begin >= 1, loc
    fps = [i["fingerprint"] for i in issues]
    assert len(set(fps)) == len(fps), "fingerprints not unique"
    # the JSON report's findings, fingerprints and levels, in its order
    findings = [f for f in report["findings"] if "suppressed" not in f and f.get("baselineState") != "absent"]
    assert fps == [f["fingerprint"] for f in findings], "fingerprints differ from the JSON report's"
    levels = {"error": "critical", "warning": "major", "note": "info"}
    assert [i["severity"] for i in issues] == [levels[f["level"]] for f in findings]
    assert [i["check_name"] for i in issues] == [f["ruleId"] + " " + f["rule"] for f in findings]
    assert [i["location"]["path"] for i in issues] == \
        [f["location"]["path"].removeprefix("./") for f in findings]
    return issues
fleet = check(sys.argv[1], sys.argv[2])
# the same problem on two hosts: two fingerprints
web = {}
for i in fleet:
    for h in ("web01", "web02"):
        if i["location"]["path"].startswith("fleet/%s/" % h):
            web.setdefault(h, set()).add(i["fingerprint"])
assert web.get("web01") and web.get("web02") and not (web["web01"] & web["web02"]), web
demo = check(sys.argv[3], sys.argv[4])
assert all(i["location"]["path"].startswith("fixtures/demo/") for i in demo), "./ not dropped"
PY
check "gitlab: required fields, the JSON report's fingerprints, unique, relative paths" [ $? = 0 ]

# ---- junit ----
for fail_on in error warning; do
	lint --format junit --fail-on $fail_on --fleet fleet > ju-fleet-$fail_on
	lint --format json --fail-on $fail_on --fleet fleet > js-fleet-$fail_on
done
lint --format junit hostile > ju-hostile
lint --format junit evilname > ju-evilname
lint --format json hostile > js-hostile
"$BIN" --list-rules --format json > rules.json
CHECK_SHOW=xsd.log
for f in ju-fleet-error ju-fleet-warning ju-hostile ju-evilname; do
	check "junit: $f passes xmllint --schema tests/junit.xsd" \
		sh -c "xmllint --noout --schema '$ROOT/tests/junit.xsd' $f > xsd.log 2>&1"
done
CHECK_SHOW=ju-check
$PY - > ju-check 2>&1 <<'PY'
import json
import xml.etree.ElementTree as ET
rules = ["%s %s" % (r["id"], r["name"]) for r in json.load(open("rules.json"))]
def outcome(tc):
    kinds = [c.tag for c in tc if c.tag in ("failure", "error", "skipped")]
    assert len(kinds) <= 1, kinds
    return kinds[0] if kinds else "pass"
def counts(node, cases):
    got = {k: int(node.get(k)) for k in ("tests", "failures", "errors", "skipped")}
    want = {"tests": len(cases),
            "failures": sum(outcome(c) == "failure" for c in cases),
            "errors": sum(outcome(c) == "error" for c in cases),
            "skipped": sum(outcome(c) == "skipped" for c in cases)}
    assert got == want, "%s %s: %s, the test cases say %s" % (node.tag, node.get("name"), got, want)
def check(junit, js, fail_on):
    root = ET.parse(junit).getroot()
    report = json.load(open(js))
    assert root.tag == "testsuites"
    counts(root, root.findall("testsuite/testcase"))
    rank = {"note": 1, "warning": 2, "error": 3}
    fleet = "hosts" in report
    # names as the report shows them: line breaks escaped (text_escape.h)
    shown = lambda s: s.replace("\n", "\\n").replace("\r", "\\r")
    hosts = [shown(h["name"]) for h in report["hosts"]] if fleet else None
    suites = root.findall("testsuite")
    names = [s.get("name") for s in suites]
    if fleet:
        assert names[-len(hosts):] == hosts, (names, hosts)
    for s in suites:
        cases = s.findall("testcase")
        counts(s, cases)
        host = s.get("name")
        assert all(c.get("classname") == host for c in cases)
        if fleet and host not in hosts:
            assert [c.get("name") for c in cases] == ["inputs"]
            continue
        assert [c.get("name") for c in cases] == ["inputs"] + rules, [c.get("name") for c in cases]
        mine = lambda e: not fleet or shown(e.get("host", "")) == host
        input_errors = [e for e in report["errors"] if mine(e) and e["level"] == "error"]
        assert (outcome(cases[0]) == "error") == bool(input_errors), host
        for c in cases[1:]:
            rid = c.get("name").split()[0]
            failing = [f for f in report["findings"] if mine(f) and f["ruleId"] == rid
                       and rank[f["level"]] >= rank[fail_on] and "suppressed" not in f]
            not_run = [n for n in report["notRun"] if mine(n) and n["ruleId"] == rid]
            want = "failure" if failing else "skipped" if not_run else "pass"
            assert outcome(c) == want, "%s %s: %s, expected %s" % (host, rid, outcome(c), want)
            if failing:
                f = c.find("failure")
                assert f.get("message") == "%d finding%s" % (len(failing), "" if len(failing) == 1 else "s")
                for x in failing:
                    assert x["message"].split(" ")[0] in f.text
    return root
r = check("ju-fleet-error", "js-fleet-error", "error")
assert int(r.get("errors")) == 1, "the broken host is not an error"
r2 = check("ju-fleet-warning", "js-fleet-warning", "warning")
assert int(r2.get("failures")) > int(r.get("failures")), "--fail-on warning fails no more cases"
check("ju-hostile", "js-hostile", "error")
PY
check "junit: counts match the test cases, failures by --fail-on, skipped when not run" [ $? = 0 ]
check "junit: hostile text shown escaped" grep -q -F '\x1b]0;owned\x07' ju-hostile
check "junit: U+FFFF escaped, not raw" sh -c "grep -q -F '\\uffff' ju-hostile && ! grep -q \"\$(printf '\\357\\277\\277')\" ju-hostile"
check "junit: the hostile site name escaped" grep -q -F 'x\r::error::pwned\n::warning::pwned %0A::notice::pwned, y:z' ju-hostile

# ---- -q ----
CHECK_SHOW=
lint "$ROOT/fixtures/demo" > full.txt; full_rc=$?
lint -q "$ROOT/fixtures/demo" > quiet.txt; quiet_rc=$?
check "-q: the exit code as without it" [ "$full_rc" = "$quiet_rc" ]
check "-q: the run has notes to hide" grep -q "did not run" full.txt
check "-q: no note, no rule not run" sh -c '! grep -q -e "note: " -e "did not run" quiet.txt'
check "-q: the error and the warning stay" sh -c 'grep -q ": error: " quiet.txt && grep -q ": warning: " quiet.txt'
check "-q: the same summary" [ "$(tail -1 quiet.txt)" = "$(tail -1 full.txt)" ]
check "-q: only lines of the full report" sh -c '[ -z "$(grep -v -x -F -f full.txt quiet.txt)" ]'
lint -q -o quiet-o.txt "$ROOT/fixtures/demo" 2> quiet-o.err
lint -o full-o.txt "$ROOT/fixtures/demo" 2> full-o.err
check "-q with -o: the file as on standard output" cmp -s quiet-o.txt quiet.txt
check "-q with -o: the same brief copy on standard error" cmp -s quiet-o.err full-o.err
lint -q --fleet fleet > quiet-fleet.txt
check "-q: a fleet's notes hidden too" sh -c '! grep -q -e ": note: " -e "did not run" quiet-fleet.txt && grep -q "^== WEB01" quiet-fleet.txt'
# ---- the formats are listed ----
CHECK_SHOW=
"$BIN" --help > help.txt
check "--help lists github, gitlab, junit and -q" sh -c 'grep -q "github" help.txt && grep -q "gitlab" help.txt && grep -q "junit" help.txt && grep -q -- "-q, --quiet" help.txt'
"$BIN" -f xml x 2> format.err
check "-f: an unknown format is a usage error" [ $? = 2 ]
check "-f: the error lists every format" grep -q "unknown format 'xml': expected one of text, json, sarif, github, gitlab, junit" format.err
check "README: the Usage lists every format and -q" sh -c "grep -q -- '-f, --format FORMAT     text (default), json, sarif, github, gitlab or junit' '$ROOT/README.md' && grep -q -- '-q, --quiet' '$ROOT/README.md'"
finish ci-formats
