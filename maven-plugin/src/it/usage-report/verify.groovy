// mesh:usage before any collection, mesh:usage-collect on a mesh whose local-store ports no collector serves,
// and a refused window of 0 days.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

// 2: the report before any collection
expect "[INFO] No usage of any port collected yet in 'dev': either mesh:usage-collect has not run, or its" +
        " collections observed none of the environment's ports (see its warnings; Delta ports are observed through" +
        " -Dmesh.usage.spark.readLog); run mesh:usage-collect (daily)"
expect "[INFO] Not observed (no usage collected): daily-revenue/daily_revenue, orders/orders"
expect "[INFO] Wrote the usage of 0 port(s) to target/mesh/usage/usage.json, usage.csv, unused.csv and consumers.csv"
def dir = new File(basedir, 'target/mesh/usage')
def json = new groovy.json.JsonSlurper().parse(new File(dir, 'usage.json'))
assert json.environment == 'dev' && json.unusedDays == 30 && json.ports == [] && json.unused == []
assert json.unobserved == ['daily-revenue/daily_revenue', 'orders/orders']
assert new File(dir, 'usage.csv').readLines() == ['product,port,team,owners,reads_7d,reads_30d,reads_90d,readers_30d,'
        + 'top_readers,last_read,observed_days,bytes,new_since']
assert new File(dir, 'unused.csv').readLines() == ['product,port,team,owners,bytes,last_read,observed_days,whole_product']

// 3: collecting: a warning for the server type without a collector, then the summary
expect "[WARNING] No usage collector serves server type 'local' (daily-revenue/daily_revenue, orders/orders);" +
        " loaded collectors: []; add the module that provides one (mesh-storage-postgres for postgres)"
expect "[INFO] Collected usage of 0 of 2 port(s) of 2 product(s) in 'dev': 0 read(s) counted;" +
        " not observed: daily-revenue/daily_revenue, orders/orders"

// 4: the refused window
def error = lines.find { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') }
assert error != null && error.contains(':usage (default-cli) on project usage-report: Cannot report unused ports over 0'
        + ' day(s): set -Dmesh.usage.unusedDays (<unusedDays>) to 1 or more')
// 5: one product's report lists only its ports
expect "[INFO] Usage of product(s) orders only (-Dmesh.product): their ports, their unused ports and the consumers" +
        " they produce for or consume from"
expect "[INFO] Not observed (no usage collected): orders/orders"
def ordersOnly = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/mesh/usage-orders/usage.json'))
assert ordersOnly.unobserved == ['orders/orders'] && ordersOnly.ports == []
assert ordersOnly.consumers*.consumer == ['daily-revenue'] && ordersOnly.consumers*.status == ['cannot_tell']

// 6: a product that is not deployed
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') && it.contains(
        ":usage (default-cli) on project usage-report: Cannot report the usage of product 'order': it is not deployed" +
        " to 'dev'; perhaps you meant 'orders'; deployed products: [daily-revenue, orders]") } :
        'no [ERROR] line for the product that is not deployed'
// 7: a folder that cannot be written
def pomUsage = new File(basedir, 'pom.xml/usage').path
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') && it.endsWith(
        ":usage (default-cli) on project usage-report: Cannot write the usage report to " + pomUsage +
        ": not a directory; choose a folder this user may create and write (-Dmesh.usage.directory, <usageDirectory>)" +
        " -> [Help 1]") } :
        'no [ERROR] line for the folder that cannot be written'
assert !log.contains('the SDK or an adapter failed')
assert log.count('[INFO] BUILD SUCCESS') == 4
assert !log.contains('NoClassDefFoundError') && !log.contains('Exception in thread')
