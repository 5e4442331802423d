import java.util.regex.Pattern

// mesh:publish a CSV file into a deployed local Delta port, mesh:check it (a table and one summary line); then
// append the same file again: each file passes the rules on its own rows, but the check of the whole table finds
// every order twice and fails, naming the rule and the values.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
// a line of a stack trace, or an exception's name (Maven's own [Help 1] link names MojoFailureException)
def stackTrace = { String line -> line ==~ /\s*at [\w.$<>]+\(.*\)/ || line.startsWith('Caused by:') ||
        (line.contains('Exception') && !line.contains('cwiki.apache.org')) }
def starts = lines.findIndexValues { it.startsWith('[INFO] --- mesh:') }.collect { it as int }
assert starts.size() == 5 : 'expected five goals in two builds, found ' + starts.size()
def build = { int i -> lines.subList(starts[i], i + 1 < starts.size() ? starts[i + 1] : lines.size()) }
def expectIn = { List<String> part, String line -> assert part.contains(line) : "no line: " + line }
def q = { String text -> Pattern.quote(text) }
def row = { List<String> part, List<String> cells ->
    assert part.any { it ==~ '\\[INFO\\] ' + cells.join(' +') } : 'no table row: ' + cells
}

expectIn build(1), "[INFO] Published 29 row(s) from src/main/data/orders.csv into port 'orders' of 'orders' (replace, Delta version 1, 29 row(s) in the table)"

def check = build(2)
// the -Dmesh.product given for the publish narrows the check too, and the check says so
expectIn check, '[INFO] Checking only product(s) orders (-Dmesh.product); without it every deployed product is checked'
row check, ['port', 'rule', 'measured', 'threshold', 'verdict']
row check, [q('orders/orders'), q('orders rowCount'), '29', q('mustBeGreaterThan 0'), 'passed']
row check, [q('orders/orders'), q('orders.order_id nullValues'), '0', q('mustBe 0'), 'passed']
row check, [q('orders/orders'), q('orders.order_id duplicateValues'), '0', q('mustBe 0'), 'passed']
row check, [q('orders/orders'), q('orders.status invalidValues'), '0', q('mustBe 0'), 'passed']
row check, [q('orders/orders'), q('orders freshness'), '[0-9.]+ hours', q('mustBeLessOrEqualTo 1.00'), 'passed']
row check, [q('orders/orders'), q('orders row count change'), q('29 rows'), 'passed']
expectIn check, '[INFO] Checked 1 port(s): 6 rule(s) passed, 0 failed'
expectIn check, '[INFO] BUILD SUCCESS'

expectIn build(3), "[INFO] Published 29 row(s) from src/main/data/orders.csv into port 'orders' of 'orders' (append, Delta version 2, 58 row(s) in the table)"

def failed = build(4)
row failed, [q('orders/orders'), q('orders.order_id duplicateValues'), '29', q('mustBe 0'), q('failed (error)')]
row failed, [q('orders/orders'), q('orders row count change'), q('58 rows'), q('mustBeBetween [15, 43]'), q('failed (warning)')]
expectIn failed, '[INFO] Checked 1 port(s): 4 rule(s) passed, 2 failed (1 warning(s); -Dmesh.check.failOn=warning fails on them)'
assert failed.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
        ':check (default-cli) on project publish-check: Cannot pass the check: 1 result(s) fail it (failOn error)') }
expectIn failed, "[ERROR] orders/orders: rule 'duplicateValues' on orders.order_id: measured 29, expected mustBe 0 (error)"
assert log.count('[INFO] BUILD SUCCESS') == 1 && log.count('[INFO] BUILD FAILURE') == 1

// each build's first data goal started Spark in a JVM of its own, quietly, and its next data goal used it
assert log.count("in a JVM of its own: Spark needs --add-opens flags that Maven's JVM lacks") == 2
assert log.count('[INFO] Running mesh:check in the JVM of an earlier goal of this build') == 2
assert lines.findAll { it ==~ /\[INFO\] Started Spark 4\.2\.0 in \d+\.\d s/ }.size() == 2
assert !lines.any { it.startsWith('[WARNING]') } : 'warnings: ' + lines.findAll { it.startsWith('[WARNING]') }
assert !lines.any { stackTrace(it) } : 'a stack trace: ' + lines.findAll { stackTrace(it) }
