// A producer deprecates, then retires, major version 1 of its orders contract while a consumer reads it: the
// consumer's build warns with the sunset, the retired version's grant is revoked and its table kept while read,
// the consumer's build on v1 fails, and once the consumer moved to v2 the plan drops the table and the deploy does.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()

// 3: v2 is created beside v1, and v1 is deprecated in the catalog
assert lines.any { it.startsWith('[INFO]   + create orders_v2 (2 columns) (port orders, ') }
assert lines.any { it.startsWith('[INFO]   ~ deprecate orders v1 (sunset 2026-11-30) (port orders, ') }

// 4: the consumer's build warns, at its input port, naming the sunset (past: the scenario's date is fixed) and the
// version to move to: once in mesh:validate and once in mesh:plan
assert lines.count { it.startsWith('[WARNING] ') && it.endsWith("consumer/src/v1/mesh/daily-revenue/product.yaml:14:14:"
        + " warning: Input port 'orders' of product 'daily-revenue' reads version 1 of contract 'sales-orders' of"
        + " product 'orders', which is deprecated and was due to be retired on 2026-11-30; move the input port to"
        + " version 2 now: its producer may retire version 1 at any time [MESH-DEPRECATED]") } == 2 : 'a located MESH-DEPRECATED warning per goal'
assert lines.contains("[INFO] Validated 1 data product(s) for environment 'dev': 1 warning(s)")

// 5: retiring v1 while daily-revenue reads it: the grant goes, the table stays, and the plan says who reads it (no
// usage line: usage was never collected in this environment)
def retirePlan = ['[INFO]   port orders v1 -> local target/mesh/data/orders',
                  '[INFO]     ~ retire orders v1 (sunset 2026-11-30)',
                  '[INFO]     - revoke read on orders from analyst',
                  "[INFO]     = keep table orders v1: still read by product 'daily-revenue' (input port 'orders'); deploy"
                          + " again once it moves to v2 to drop it",
                  "[INFO] Plan: 2 change(s) in 1 product(s) for environment 'dev'"]
assert lines.indexOf(retirePlan[0]) >= 0 && lines.subList(lines.indexOf(retirePlan[0]), lines.indexOf(retirePlan[0]) + 5) == retirePlan
assert !lines.any { it.contains('usage: ') } : 'no usage line where usage was never collected'
assert lines.any { it.startsWith('[INFO]   - revoke read on orders from analyst (port orders, ') }
assert lines.contains("[INFO]   = keep table orders v1: still read by product 'daily-revenue' (input port 'orders');"
        + " deploy again once it moves to v2 to drop it (port orders)") : 'the deploy says what it keeps, as the plan does'

def data = new File(basedir, 'producer/target/mesh/data/orders')
def registry = new File(basedir, 'registry/dev')

// 6: a consumer still on v1 fails, at its input port's version line (as the warning of 4), saying what to move to
assert lines.any { it.startsWith('[ERROR] ') && it.endsWith("consumer/src/v1/mesh/daily-revenue/product.yaml:14:14:"
        + " error: Cannot resolve input port 'orders' of product 'daily-revenue': version 1 of contract 'sales-orders'"
        + " of product 'orders' is retired; move to a served version: port 'orders' v2 of product 'orders' [MESH-RETIRED]") } : 'no MESH-RETIRED error'

// 7: the consumer's deploy says its input port moves to v2, as a line of its own, not a change
def failed = lines.findIndexOf { it.contains('Cannot resolve input port') }
def moved = lines.findIndexOf(failed) { it == "[INFO] [1/1] Deploying product 'daily-revenue'" }
assert failed >= 0 && moved > failed && lines[moved + 1] == "[INFO]   ~ input port orders: reads 'orders'/'orders' v1 -> v2"
assert lines.count { it.contains('~ input port') } == 1 : 'said once, at the move'

// 8: nobody reads v1 and its sunset is past: the plan shows the drop, and the deploy applies it
def dropPlan = ['[INFO]   port orders v1 -> local target/mesh/data/orders',
                '[INFO]     - drop table orders (v1 retired, sunset 2026-11-30, no consumer)',
                "[INFO] Plan: 1 change(s) in 1 product(s) for environment 'dev'"]
def at = lines.lastIndexOf(dropPlan[0])
assert at >= 0 && lines.subList(at, at + 3) == dropPlan
assert lines.any { it.startsWith('[INFO]   - drop table orders (v1 retired, sunset 2026-11-30, no consumer) (port orders, ') }
assert lines.count { it.contains('drop table') } == 2 : 'a drop only in the last plan and its deploy'
assert !new File(data, 'orders').exists() : 'the v1 table is gone'
assert new File(data, 'orders_v2/_delta_log').isDirectory() : 'the v2 table stays'
def orders = new groovy.json.JsonSlurper().parse(new File(registry, '_catalog/orders.json'))
assert orders.outputPorts*.majorVersion == [2]
def revenue = new groovy.json.JsonSlurper().parse(new File(registry, '_catalog/daily-revenue.json'))
assert revenue.inputPorts[0].majorVersion == 2

assert !log.contains('NoClassDefFoundError') && !log.contains('Exception in thread')
