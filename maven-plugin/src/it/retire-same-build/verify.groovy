// A producer retires v1 while its consumer moves to v2 in the same build: v1's table is dropped in that one
// deploy, after the consumer is deployed; then the producer rolls back to v1 and the plan says what stays of v2.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def data = new File(basedir, 'target/mesh/data/orders')
def registry = new File(basedir, '.mesh/registry/dev')

// 2: the plan judges daily-revenue as it will be once applied, and says when the drop happens
def drop = "drop table orders (v1 retired, sunset 2026-11-30, no consumer once product 'daily-revenue' (input port" +
        " 'orders') moves off it in this plan; dropped after that product is deployed)"
def plan = ['[INFO]   port orders v1 -> local target/mesh/data/orders',
            '[INFO]     ~ retire orders v1 (sunset 2026-11-30)',
            '[INFO]     - revoke read on orders from analyst',
            '[INFO]     - ' + drop]
def at = lines.indexOf(plan[0])
assert at >= 0 && lines.subList(at, at + 4) == plan
// daily-revenue's move to v2, which lets v1 go, is said under it in the plan and the deploy; it changes no store
def move = "[INFO]   ~ input port orders: reads 'orders'/'orders' v1 -> v2"
def movePlan = lines.findIndexOf(at) { it == '[INFO] product daily-revenue 1.0.0' }
assert movePlan > at && lines[movePlan + 1] == move
assert lines[movePlan + 3] == "[INFO] Plan: 5 change(s) in 2 product(s) for environment 'dev'" : 'v2 created, v1 retired; the move is no change'
assert lines.count { it == move } == 2 : 'once in the plan, once in the deploy'
// the deploy holds the drop at orders' turn and applies it after daily-revenue
def held = lines.indexOf('[INFO]   - ' + drop + ": held until 'daily-revenue' is deployed (port orders)")
def revenue = lines.findIndexOf(held) { it == "[INFO] [2/2] Deploying product 'daily-revenue'" }
def resumed = lines.indexOf("[INFO] Dropping what product 'orders' held until its consumers were deployed")
def dropped = lines.findIndexOf { it.startsWith('[INFO]   - ' + drop + ' (port orders, ') }
assert held >= 0 && revenue > held && resumed > revenue && dropped == resumed + 1 : "held, then daily-revenue, then the drop"
assert lines[revenue + 1] == move
assert lines.count { it.startsWith("[INFO] Deployed 2 product(s) to 'dev': ") } == 2

// 3: the rollback keeps v2's table and grants, still read by daily-revenue
// and says that v1's table, dropped in 2, starts empty (the date is the day the scenario runs)
def empty = ~/\[INFO\]     \+ create orders \(2 columns; v1's table was dropped on \d{4}-\d\d-\d\d when v1 was retired: it starts empty\)/
assert lines.any { it ==~ empty } : 'the plan says the table starts empty'
assert lines.any { it.startsWith("[INFO]   + create orders (2 columns; v1's table was dropped on ") } : 'the deploy too'
assert lines.contains('[INFO]     ~ rollback orders 2 -> 1')
assert lines.contains("[INFO]     = keep table orders_v2 v2: rolled back to v1; it stays served with its grants," +
        " read by product 'daily-revenue' (input port 'orders')")
assert lines.any { it == "[INFO]   = keep table orders_v2 v2: rolled back to v1; it stays served with its grants," +
        " read by product 'daily-revenue' (input port 'orders') (port orders)" } : 'the deploy says it too'
assert new File(data, 'orders/_delta_log').isDirectory() : 'v1 served again'
assert new File(data, 'orders_v2/_delta_log').isDirectory() : 'the v2 table stays'
def orders = new groovy.json.JsonSlurper().parse(new File(registry, '_catalog/orders.json'))
assert orders.outputPorts*.majorVersion == [2, 1]
def consumer = new groovy.json.JsonSlurper().parse(new File(registry, '_catalog/daily-revenue.json'))
assert consumer.inputPorts[0].majorVersion == 2

assert !log.contains('NoClassDefFoundError') && !log.contains('Exception in thread')
