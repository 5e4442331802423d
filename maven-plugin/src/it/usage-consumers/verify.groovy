// mesh:usage flags the consumer who stopped reading on both sides and says when nobody can tell; mesh:plan shows
// who reads a changed port, and the breaking-change denial names them.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }
def starting = { String prefix -> assert lines.any { it.startsWith(prefix) } : "build.log has no line starting: " + prefix }

// 2: the read log was collected
expect "[INFO] Collected usage of all 3 port(s) of 3 product(s) in 'dev': 4 read(s) counted; baseline set for 3" +
        " port(s) observed for the first time; their counters and days without reads count from the next collection"
expect "[INFO] Collected usage of all 3 port(s) of 3 product(s) in 'dev': 0 read(s) counted"

// 3: the consumer who stopped reading, on the producer's port and on the consumer, and the one nobody can tell about
expect "[INFO] Consumers who stopped reading in the last 30 day(s): 1"
// told by the days collections observed (two collections here), never as 30 days
def observed = / in (30 days|the \d+ day\(s\) of the last 30 that collections observed) \(read as finance_analytics; last read .*/
def matching = { String pattern -> assert lines.any { it ==~ pattern } : "build.log has no line matching: " + pattern }
matching(/\[INFO\]   orders\/orders: consumer daily-revenue has not read this port/ + observed)
matching(/\[INFO\]   daily-revenue: input port orders \(orders\/orders\) has not been read/ + observed)
// churn, deployed in this run, never read: it has not started, which is not stopping
expect "[INFO] orders/orders: cannot tell whether consumer churn reads this port: deployed on " +
        java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ", has not read yet"
// its readers entry nobody knows is warned about once, with the known names
assert lines.count { it.startsWith("[WARNING] Input port 'orders' of product 'churn' lists reader 'carol' in its custom" +
        " property 'readers', but no collected read and no read role of orders/orders knows it; known: [") } == 1
// ports deployed in this run and not read: new, not unused
def today = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
expect "[INFO] churn/churn_scores: new since ${today}, not read yet".toString()
expect "[INFO] daily-revenue/daily_revenue: new since ${today}, not read yet".toString()
assert !log.contains('whole product unused')
expect "[INFO] Wrote the usage of 3 port(s) to target/mesh/usage/usage.json, usage.csv, unused.csv and consumers.csv"
def csv = new File(basedir, 'target/mesh/usage/consumers.csv').readLines()
assert csv[0] == 'producer,port,consumer,input_port,principals,status,last_read,observed_days,reason'
assert csv.any { it.startsWith('orders,orders,daily-revenue,orders,finance_analytics,stopped,') }
assert csv.any { it.startsWith('orders,orders,churn,orders,carol,cannot_tell,,') && it.contains('has not read yet') }
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/mesh/usage/usage.json'))
// the JSON names statuses and fields as the CSV does
assert json.consumers*.status == ['cannot_tell', 'stopped']
assert json.consumers*.producer == ['orders', 'orders']
assert json.consumers[0].reason.endsWith(', has not read yet') && json.consumers[1].reason == null
assert json.notes.size() == 1 && json.notes[0].contains("reader 'carol'")

// 4: the additive plan shows who reads the changed port
starting "[INFO]     usage: 2 readers in the last 30 days: analyst, bi; last read "

// 5: the refused plan is printed above the errors, with who reads the port, and not saved
def refused = lines.indexOf('[INFO] The plan the policies refused (not saved):')
assert refused >= 0 : 'no refused plan'
assert lines.subList(refused, lines.size()).any { it.startsWith('[INFO]     usage: 2 readers in the last 30 days: analyst, bi') }
assert refused < lines.findIndexOf { it.startsWith('[ERROR]') && it.contains("would break its consumers") }
// the denial names who is affected
def error = lines.find { it.startsWith('[ERROR]') && it.contains("output port 'orders' would break its consumers") }
assert error != null : 'no denial of the dropped column'
assert error.contains("column 'status' (string) is in the table but not in the contract")
assert error.contains("affected: 2 readers in the last 30 days: analyst, bi; last read ")
// the products that consume the port, with their teams
assert error.contains("; consumer products: 'churn' (team customer-insights), 'daily-revenue' (team finance-analytics);")
assert error.contains("raise the contract's major version (to 2.0.0)")
// 6: a new major version: who reads the version it supersedes, and that they keep reading it
starting "[INFO]     usage: v1: 2 readers in the last 30 days: analyst, bi; last read "
assert lines.any { it.startsWith('[INFO]     usage: v1: ') && it.endsWith('; they keep reading v1 until they move') }
assert log.count('[INFO] BUILD SUCCESS') == 5
assert !log.contains('NoClassDefFoundError') && !log.contains('Exception in thread')
