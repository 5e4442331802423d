import java.util.regex.Pattern

// mesh:publish a CSV file into a deployed local Delta port, mesh:check it (a table and one summary line); then
// append a file repeating one of its orders: on the file's rows alone every rule passes, but an append is judged on
// the table with the file's rows, so the publish is refused naming the rule, the file and the line whose key the table
// already holds, and nothing is committed; appending new orders then makes version 2 of the table, and the check passes.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
// a line of a stack trace, or an exception's name (Maven's own [Help 1] link names MojoFailureException)
def stackTrace = { String line -> line ==~ /\s*at [\w.$<>]+\(.*\)/ || line.startsWith('Caused by:') ||
        (line.contains('Exception') && !line.contains('cwiki.apache.org')) }
def starts = lines.findIndexValues { it.startsWith('[INFO] --- mesh:') }.collect { it as int }
assert starts.size() == 7 : 'expected seven goals in four builds, found ' + starts.size()
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

def data = new File(basedir, 'src/main/data').canonicalPath
def refused = build(3)
// the refusal leads with the place of the line whose key the table already holds, then names that line
int at = refused.findIndexOf { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
        ":publish (default-cli) on project publish-check: ${data}/orders-repeat.csv:2:1: Cannot publish ${data}/orders-repeat.csv" +
        " to port 'orders' of product 'orders': 1 blocking quality rule(s) failed on the port's rows with its rows appended:" +
        " rule 'duplicateValues' on orders.order_id: measured 1, expected mustBe 0; nothing was published, the port is as it" +
        " was; fix the data and publish again") }
assert at >= 0 : 'no [ERROR] line naming the rule and the file: ' + refused.findAll { it.startsWith('[ERROR]') }.join('\n')
assert refused[at + 1] == "[ERROR] ${data}/orders-repeat.csv:2:1: column 'order_id' repeats a key already in the table (rule 'duplicateValues')" :
        'no [ERROR] line placing the repeated key: ' + refused[at + 1]
assert refused[at + 2] == '[ERROR] -> [Help 1]'
// no value of the file is echoed (the repeated order id, its customer)
assert !refused.any { it.contains('95708592') || it.contains('C-91454') }
assert !refused.any { it.startsWith('[INFO] Published ') }

// the refused append committed nothing: the next append is the table's version 2, and the check passes
expectIn build(4), "[INFO] Published 1 row(s) from src/main/data/orders-new.csv into port 'orders' of 'orders' (append, Delta version 2, 30 row(s) in the table)"
def after = build(5)
row after, [q('orders/orders'), q('orders rowCount'), '30', q('mustBeGreaterThan 0'), 'passed']
row after, [q('orders/orders'), q('orders.order_id duplicateValues'), '0', q('mustBe 0'), 'passed']
expectIn after, '[INFO] Checked 1 port(s): 6 rule(s) passed, 0 failed'
assert log.count('[INFO] BUILD SUCCESS') == 2 && log.count('[INFO] BUILD FAILURE') == 2

// mesh-spark is not among the plugin's dependencies: each build's first data goal resolved it, of the plugin's version,
// said so once, and ran in a JVM of its own with it; the build's next data goal used that JVM without resolving again
def resolved = lines.findAll { it ==~ ('\\[INFO\\] Resolved ' + q("dev.meshsdk:mesh-spark:${projectVersion}") +
        ' for the goal\'s JVM in \\d+\\.\\d s \\(\\d+ jar\\(s\\) beside the plugin\'s\\): mesh-spark is not among the' +
        ' plugin\'s <dependencies>') }
assert resolved.size() == 3 : 'resolved lines: ' + lines.findAll { it.contains('Resolved ') }
// Spark, Delta and Hadoop: far more jars than the plugin's own
resolved.each { assert (it =~ /\((\d+) jar/)[0][1].toInteger() > 100 : 'too few jars fetched: ' + it }
[1, 3, 4].each { i -> assert build(i).count { it.startsWith('[INFO] Resolved dev.meshsdk:mesh-spark:') } == 1 }
[0, 2, 5, 6].each { i -> assert !build(i).any { it.startsWith('[INFO] Resolved ') } }

// -Dmesh.fork=never cannot run without mesh-spark in the plugin's class path: refused before anything runs, saying
// what to add and the other way
def never = build(6)
def neverError = "[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:${projectVersion}:publish (default-cli) on" +
        " project publish-check: Cannot run mesh:publish in Maven's JVM (-Dmesh.fork=never): it works on a port of a" +
        " local or s3 server, which runs on Spark, and dev.meshsdk:mesh-spark:${projectVersion} is not among the" +
        " plugin's <dependencies>; add it to them, or let the goal fetch it and run in a JVM of its own (-Dmesh.fork=auto)" +
        " -> [Help 1]"
expectIn never, neverError.toString()
assert !never.any { it.contains('JVM of its own:') || it.startsWith('[INFO] Published ') || it.contains('Started Spark') }

// each build's first data goal started Spark in a JVM of its own, quietly, and its next data goal used it
assert log.count("in a JVM of its own: Spark needs --add-opens flags that Maven's JVM lacks") == 3
assert log.count('[INFO] Running mesh:check in the JVM of an earlier goal of this build') == 2
assert lines.findAll { it ==~ /\[INFO\] Started Spark 4\.2\.0 in \d+\.\d s/ }.size() == 3
assert !lines.any { it.startsWith('[WARNING]') } : 'warnings: ' + lines.findAll { it.startsWith('[WARNING]') }
assert !lines.any { stackTrace(it) } : 'a stack trace: ' + lines.findAll { stackTrace(it) }
