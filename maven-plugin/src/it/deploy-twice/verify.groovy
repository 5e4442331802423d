// mesh:deploy twice: the first deploys orders then daily-revenue, a line per product and change; the second
// finds nothing to do.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

def ordersStart = lines.indexOf("[INFO] [1/2] Deploying product 'orders'")
def revenueStart = lines.indexOf("[INFO] [2/2] Deploying product 'daily-revenue'")
assert ordersStart >= 0 && revenueStart > ordersStart : 'orders is not deployed before daily-revenue'
assert lines[ordersStart + 1].startsWith('[INFO]   + create ') : lines[ordersStart + 1]
assert lines.any { it ==~ /\[INFO\]   Product 'orders' deployed in \d+ ms/ }
assert lines.any { it ==~ /\[INFO\]   Product 'daily-revenue' deployed in \d+ ms/ }
def deployed = lines.find { it ==~ /\[INFO\] Deployed 2 product\(s\) to 'dev': \d+ change\(s\)/ }
assert deployed : 'no "Deployed 2 product(s)" line'

// the second deploy
def second = lines.subList(lines.indexOf(deployed) + 1, lines.size())
assert second.contains("[INFO]   Product 'orders' is up to date")
assert second.contains("[INFO]   Product 'daily-revenue' is up to date")
assert second.contains('[INFO] Everything is up to date')
assert !second.any { it.startsWith('[INFO]   + ') } : 'the second deploy applied changes'
assert log.count('[INFO] BUILD SUCCESS') == 2

assert new File(basedir, 'target/mesh/data/orders/_delta_log').isDirectory()
assert new File(basedir, 'target/mesh/data/daily_revenue/_delta_log').isDirectory()
