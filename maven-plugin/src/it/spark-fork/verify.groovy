import java.util.regex.Pattern

// mesh:check on a deployed, empty local Delta port, with mesh-spark among the plugin's dependencies (as users may
// add it; then nothing is fetched). Without Spark's --add-opens flags in Maven's JVM (the second build) the goal runs
// in a JVM of its own, says so, starts Spark there and logs how long it took; its table and summary reach the build
// log as the goal's own lines, and Spark's INFO chatter, warnings and stack traces do not. With the flags in
// MAVEN_OPTS (the third build) it runs in Maven's JVM, fails as asked on the warning with the same kind of message,
// and Spark stops before Maven closes the plugin's classes.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
// a line of a stack trace, or an exception's name (Maven's own [Help 1] link names MojoFailureException)
def stackTrace = { String line -> line ==~ /\s*at [\w.$<>]+\(.*\)/ || line.startsWith('Caused by:') ||
        (line.contains('Exception') && !line.contains('cwiki.apache.org')) }
def starts = lines.findIndexValues { it.startsWith('[INFO] --- mesh:') }.collect { it as int }
assert starts.size() == 3 : 'expected three builds, found ' + starts.size()
def deploy = lines.subList(starts[0], starts[1])
def forked = lines.subList(starts[1], starts[2])
def inMaven = lines.subList(starts[2], lines.size())
def expectIn = { List<String> part, String line -> assert part.contains(line) : "no line: " + line }
// a table row: the columns as given (each a regex), separated by the table's padding
def row = { List<String> part, List<String> cells ->
    def regex = '\\[INFO\\] ' + cells.join(' +')
    assert part.any { it ==~ regex } : 'no table row: ' + cells
}
def q = { String text -> Pattern.quote(text) }
def table = { List<String> part ->
    row part, ['port', 'rule', 'measured', 'threshold', 'verdict']
    row part, [q('orders/orders'), q('orders rowCount'), '0', q('mustBeGreaterThan 0'), q('failed (warning)')]
    row part, [q('orders/orders'), q('orders.order_id nullValues'), '0', q('mustBe 0'), 'passed']
    row part, [q('orders/orders'), q('orders.order_id duplicateValues'), '0', q('mustBe 0'), 'passed']
    row part, [q('orders/orders'), q('orders.status invalidValues'), '0', q('mustBe 0'), 'passed']
    // deployed, never published: a created table is not fresh data
    row part, [q('orders/orders'), q('orders freshness'), q('mustBeLessOrEqualTo 1.00'), q('error (warning)')]
    row part, [q('orders/orders'), q('orders row count change'), q('0 rows'), 'passed']
}

expectIn deploy, "[INFO] Deployed 1 product(s) to 'dev': 2 change(s)"

// forked: says so, and shows nothing but the goal's own lines
expectIn forked, "[INFO] Running mesh:check in a JVM of its own: Spark needs --add-opens flags that Maven's JVM lacks"
assert forked.any { it ==~ /\[INFO\] Started Spark 4\.2\.0 in \d+\.\d s/ } : 'no Spark start line'
table forked
expectIn forked, "[INFO] Checked 1 port(s): 4 rule(s) passed, 2 failed (2 warning(s); -Dmesh.check.failOn=warning fails on them)"
expectIn forked, '[INFO] BUILD SUCCESS'
assert !forked.any { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') } : 'warnings: ' + forked.findAll { it.startsWith('[WARNING]') }
assert !forked.any { it.contains('{"mesh":') } : 'a protocol line in the build log'

// in Maven's JVM: no fork; the warning fails the check because failOn is warning
assert !inMaven.any { it.contains('JVM of its own') } : 'forked although MAVEN_OPTS has the flags'
assert inMaven.any { it ==~ /\[INFO\] Started Spark 4\.2\.0 in \d+\.\d s/ } : 'no Spark start line'
table inMaven
expectIn inMaven, '[INFO] Checked 1 port(s): 4 rule(s) passed, 2 failed'
assert inMaven.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
        ':check (default-cli) on project spark-fork: Cannot pass the check: 2 result(s) fail it (failOn warning)') }
assert inMaven.any { it.startsWith("[ERROR] orders/orders: Cannot tell how fresh port 'orders' is: no publish is recorded") }
expectIn inMaven, "[ERROR] orders/orders: rule 'rowCount' on orders: measured 0, expected mustBeGreaterThan 0 (warning)"
assert !log.contains('NoClassDefFoundError') && !log.contains('Uncaught exception') : 'Spark failed after the goal'
// mesh-spark is among the plugin's dependencies: the goals use the plugin's copy and resolve nothing more
assert !lines.any { it.contains('Resolved dev.meshsdk:mesh-spark') || it.contains("not among the plugin's") }

for (part in [forked, inMaven]) {
    assert !part.any { stackTrace(it) } : 'a stack trace: ' + part.findAll { stackTrace(it) }
    assert !part.any { it ==~ /.*\bINFO [A-Z]\w+: .*/ || it.contains('SparkContext') } : 'Spark log lines'
}
