// A data goal on a local Delta port. Without Spark's --add-opens flags in Maven's JVM (the second build), the
// goal runs in a JVM of its own, says so, starts Spark there and logs how long it took; its lines reach the build
// log as the goal's own, and Spark's INFO chatter, warnings and stack traces do not. With the flags in MAVEN_OPTS
// (the third build) it runs in Maven's JVM, and Spark stops cleanly before Maven closes the plugin's classes.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def starts = lines.findIndexValues { it.startsWith('[INFO] --- mesh:') }.collect { it as int }
assert starts.size() == 3 : 'expected three builds, found ' + starts.size()
def deploy = lines.subList(starts[0], starts[1])
def forked = lines.subList(starts[1], starts[2])
def inMaven = lines.subList(starts[2], lines.size())
def expectIn = { List<String> part, String line -> assert part.contains(line) : "no line: " + line }

expectIn deploy, "[INFO] Deployed 1 product(s) to 'dev': 2 change(s)"
assert log.count('[INFO] BUILD SUCCESS') == 3

// the deployed table is empty: row count fails (> 0), the other three rules pass
for (part in [forked, inMaven]) {
    assert part.any { it ==~ /\[INFO\] Started Spark 4\.2\.0 in \d+\.\d s/ } : 'no Spark start line'
    expectIn part, "[INFO]   port 'orders' of 'orders': 4 rule(s), 3 passed, 1 failed, 0 error(s)"
    expectIn part, "[INFO] Probed 1 port(s) with the spark engine: 3 rule(s) passed, 1 failed, 0 error(s)"
    assert !part.any { it.trim().startsWith('at ') || it.contains('Exception') || it.contains('Error') } : 'a stack trace'
    assert !part.any { it ==~ /.*\bINFO [A-Z]\w+: .*/ || it.contains('SparkContext') } : 'Spark log lines'
}

// forked: says so, and nothing but the goal's own lines
expectIn forked, "[INFO] Running mesh:spark-probe in a JVM of its own: Spark needs --add-opens flags that Maven's JVM lacks"
assert !forked.any { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') } : 'warnings: ' + forked.findAll { it.startsWith('[WARNING]') }
assert !forked.any { it.contains('{"mesh":') } : 'a protocol line in the build log'

// in Maven's JVM: no fork
assert !inMaven.any { it.contains('JVM of its own') } : 'forked although MAVEN_OPTS has the flags'
