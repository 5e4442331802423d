// mesh:deploy twice: the first deploys orders then daily-revenue, a line per product and change; the second
// finds nothing to do.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

def ordersStart = lines.indexOf("[INFO] [1/2] Deploying product 'orders'")
def revenueStart = lines.indexOf("[INFO] [2/2] Deploying product 'daily-revenue'")
assert ordersStart >= 0 && revenueStart > ordersStart : 'orders is not deployed before daily-revenue'
def ordersLines = lines.subList(ordersStart, revenueStart)
assert ordersLines.any { it ==~ /\[INFO\]   \+ create orders \(5 columns\) \(port orders, \d+ ms\)/ }
assert ordersLines.any { it ==~ /\[INFO\]   \+ grant read on orders to analyst \(port orders, \d+ ms\)/ }
assert lines.any { it ==~ /\[INFO\]   Product 'orders' deployed in \d+ ms/ }
assert lines.any { it ==~ /\[INFO\]   Product 'daily-revenue' deployed in \d+ ms/ }
def deployed = "[INFO] Deployed 2 product(s) to 'dev': 4 change(s)"
expect deployed

// the second deploy
def second = lines.subList(lines.indexOf(deployed) + 1, lines.size())
assert second.contains("[INFO]   Product 'orders' is up to date")
assert second.contains("[INFO]   Product 'daily-revenue' is up to date")
assert second.contains('[INFO] Everything is up to date')
assert !second.any { it.startsWith('[INFO]   + ') } : 'the second deploy applied changes'
assert log.count('[INFO] BUILD SUCCESS') == 2

// real Delta tables under each port's path
def deltaLogs = { String path ->
    def found = []
    new File(basedir, path).eachDirRecurse { if (it.name == '_delta_log') found << it }
    found
}
assert deltaLogs('target/mesh/data/orders') : 'no Delta table under target/mesh/data/orders'
assert deltaLogs('target/mesh/data/daily_revenue') : 'no Delta table under target/mesh/data/daily_revenue'

// the embedded store's libraries do not flood the log, and Hadoop's shutdown hook does not fail
assert !lines.any { it.contains('io.delta.kernel') || it.contains('native-hadoop') || it.contains('checkpoint') } : 'library chatter in the log'
assert !log.contains('NoClassDefFoundError')
