// mesh:classify samples the deployed ports and reports the column whose values look like e-mail addresses but
// whose contract does not classify it (referrer), with the share of sampled values that do, never a value; the
// column the contract classifies (email) is not reported. With -Dmesh.classify.failOn=finding the finding fails
// the build. A port with no rows (unsubscribes, nothing published) is named as skipped. Bad input: a product that is not deployed, a failOn level that does not exist.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def stackTrace = { String line -> line ==~ /\s*at [\w.$<>]+\(.*\)/ || line.startsWith('Caused by:') ||
        (line.contains('Exception') && !line.contains('cwiki.apache.org')) }
def starts = lines.findIndexValues { it.startsWith('[INFO] --- mesh:') }.collect { it as int }
assert starts.size() == 6 : 'expected six goals in four builds, found ' + starts.size()
def build = { int i -> lines.subList(starts[i], i + 1 < starts.size() ? starts[i + 1] : lines.size()) }
def expectIn = { List<String> part, String line -> assert part.contains(line) : "no line: " + line + "\n" + part.join('\n') }
def row = { List<String> part, List<String> cells ->
    assert part.any { it ==~ '\\[INFO\\] ' + cells.collect { java.util.regex.Pattern.quote(it) }.join(' +') } :
            'no table row: ' + cells
}
def expectError = { String message ->
    assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
            ':classify (default-cli) on project classify-columns: ' + message + ' -> [Help 1]') } :
            'no [ERROR] line: ' + message
}

// 3 (the first build's third goal): reported, the build goes on
def report = build(2)
row report, ['port', 'column', 'looks like', 'share', 'sampled']
row report, ['signups/signups', 'signups.referrer', 'email', '75.0%', '6 of 8']
assert !report.any { it.contains('signups.email') } : 'a column the contract classifies was reported'
expectIn report, '[INFO] Classifying only product(s) signups (-Dmesh.product); without it every deployed product is' +
        ' classified'
// the port nothing was published to is named, not taken for clean
expectIn report, '[INFO] Skipped signups/unsubscribes: no rows to sample; publish data first'
expectIn report, '[INFO] Classified 1 port(s), skipped 1 with no rows: 1 column(s) hold what looks like personal data' +
        ' their contract does not classify (-Dmesh.classify.failOn=finding fails on them)'
expectIn report, '[INFO] BUILD SUCCESS'

// 4: failOn finding
def failing = build(3)
expectIn failing, '[INFO] Classified 1 port(s), skipped 1 with no rows: 1 column(s) hold what looks like personal' +
        ' data their contract does not classify'
// the message's first line, then a line per finding
assert failing.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
        ':classify (default-cli) on project classify-columns: Cannot pass the classification: 1 column(s) hold what' +
        ' looks like personal data their contract does not classify (failOn finding); classify each in its contract' +
        ' (classification: pii) or keep that data out of the port') }
expectIn failing, '[ERROR] signups/signups v1 signups.referrer: email in 75.0% of 8 sampled values'

// 5, 6: bad input, refused before Spark starts
expectError "Cannot classify product 'signup': it is not deployed to 'dev'; perhaps you meant 'signups'; deployed" +
        " products: [signups]"
expectError "Invalid <failOn> (-Dmesh.classify.failOn): 'sometimes'; use none (report findings only) or finding" +
        " (fail when a column looks like personal data its contract does not classify)"
assert log.count('[INFO] BUILD FAILURE') == 3

// no value is shown: no address of the data, not even its domains
assert !log.contains('@example.') : 'a value: ' + lines.findAll { it.contains('@example.') }
assert !lines.any { it.startsWith('[WARNING]') } : 'warnings: ' + lines.findAll { it.startsWith('[WARNING]') }
assert !lines.any { stackTrace(it) } : 'a stack trace: ' + lines.findAll { stackTrace(it) }
