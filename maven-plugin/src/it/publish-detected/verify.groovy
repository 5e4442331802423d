// mesh:publish judges a sample of the file's rows with the default policy pack before the commit: e-mail addresses in
// a column the deployed contract does not classify (referrer) are denied, naming the column, what they look like, the
// share of sampled values (never a value) and the column's line and column in the contract as deployed, and nothing
// is published. With the policies off the rows go in, and mesh:check reports the denial in its table and fails with
// it. Once the deployed contract classifies the column, the same file is published and the check passes.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def stackTrace = { String line -> line ==~ /\s*at [\w.$<>]+\(.*\)/ || line.startsWith('Caused by:') ||
        (line.contains('Exception') && !line.contains('cwiki.apache.org')) }
def starts = lines.findIndexValues { it.startsWith('[INFO] --- mesh:') }.collect { it as int }
assert starts.size() == 7 : 'expected seven goals in four builds, found ' + starts.size()
def build = { int i -> lines.subList(starts[i], i + 1 < starts.size() ? starts[i + 1] : lines.size()) }
def expectIn = { List<String> part, String line -> assert part.contains(line) : "no line: " + line + "\n" + part.join('\n') }
def row = { List<String> part, List<String> cells ->
    assert part.any { it ==~ '\\[INFO\\] ' + cells.collect { java.util.regex.Pattern.quote(it) }.join(' +') } :
            'no table row: ' + cells + '\n' + part.join('\n')
}
def data = new File(basedir, 'src/main/data').canonicalPath
def denial = "column 'signups.referrer' of output port 'signups' holds what looks like e-mail addresses (75% of 8" +
        " sampled values) but its contract does not classify it as personal data; classify it (classification: pii)" +
        " or keep that data out of the port (at contracts/signups.yaml:36:9 of the product as deployed; policy rule" +
        " 'mesh.governance.detected.deny' at governance-pack/detected.rego:21:1)"

// 2: the publish is denied before the commit
def denied = build(1)
assert denied.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
        ":publish (default-cli) on project publish-detected: Cannot publish ${data}/signups.csv to port 'signups' of" +
        " product 'signups': 1 policy denial(s) of its rows: ${denial}; nothing was published, the port is as it" +
        " was -> [Help 1]") } : 'no [ERROR] line for the denied publish:\n' + denied.join('\n')
assert !denied.any { it.startsWith('[INFO] Published ') }

// 3: with the policies off the rows go in (the table's first commit after the deploy's)
assert build(2).any { it.startsWith("[INFO] Published 10 row(s) from src/main/data/signups.csv into port 'signups'" +
        " of 'signups' (replace, Delta version 1,") } : build(2).join('\n')

// 4: the check samples the table and the pack denies it: a failed row in the table, the denial in the error
def check = build(3)
row check, ['signups/signups', 'signups mesh.governance.detected.deny', 'failed (error)']
assert check.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
        ':check (default-cli) on project publish-detected: Cannot pass the check: 1 result(s) fail it (failOn error)') } :
        'no [ERROR] line for the check:\n' + check.join('\n')
expectIn check, "[ERROR] signups/signups: ${denial} (error)".toString()

// 5-7 (one build): the contract as deployed classifies the column: published and checked
assert build(5).any { it.startsWith("[INFO] Published 10 row(s) from src/main/data/signups.csv into port 'signups'") } :
        build(5).join('\n')
expectIn build(6), '[INFO] BUILD SUCCESS'
assert !build(6).any { it.contains('detected.deny') } : build(6).join('\n')
assert log.count('[INFO] BUILD FAILURE') == 2 && log.count('[INFO] BUILD SUCCESS') == 2

// no value is shown, not even a domain; no stack trace
assert !log.contains('@example.') : 'a value: ' + lines.findAll { it.contains('@example.') }
assert !lines.any { stackTrace(it) } : 'a stack trace: ' + lines.findAll { stackTrace(it) }
