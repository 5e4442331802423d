// A data goal on a local Delta port, in a build whose Maven JVM has none of Spark's --add-opens flags: the goal
// runs in a JVM of its own, says so, starts Spark there and logs how long it took, and its lines reach the build
// log as the goal's own; Spark's INFO chatter and stack traces do not.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect "[INFO] Deployed 1 product(s) to 'dev': 2 change(s)"
expect "[INFO] Running mesh:spark-probe in a JVM of its own: Spark needs --add-opens flags that Maven's JVM lacks"
assert lines.any { it ==~ /\[INFO\] Started Spark 4\.2\.0 in \d+\.\d s/ } : 'no Spark start line'
// the deployed table is empty: row count fails (> 0), the rest pass
expect "[INFO]   port 'orders' of 'orders': 4 rule(s), 3 passed, 1 failed, 0 error(s)"
expect "[INFO] Probed 1 port(s) with the spark engine: 3 rule(s) passed, 1 failed, 0 error(s)"
assert log.count('[INFO] BUILD SUCCESS') == 2

// quiet: nothing from Spark at INFO, no warning at all, no stack trace, no protocol line leaking through
def probe = lines.subList(lines.findIndexOf { it.contains('mesh:0.1.0-SNAPSHOT:spark-probe') }, lines.size())
assert !probe.any { it.startsWith('[WARNING]') } : 'warnings in the log: ' + probe.findAll { it.startsWith('[WARNING]') }
assert !probe.any { it ==~ /.*\b(INFO|WARN) [A-Z]\w+: .*/ } : 'Spark log lines in the build log'
assert !probe.any { it.contains('SparkContext') || it.contains('BlockManager') || it.contains('Executor') }
assert !probe.any { it.trim().startsWith('at ') || it.contains('Exception') } : 'a stack trace in the build log'
assert !probe.any { it.contains('{"mesh":') } : 'a protocol line in the build log'
