// mesh:plan: saves the plan as JSON and logs the readable summary, products in dependency order; changes nothing.
def lines = new File(basedir, 'build.log').getText('UTF-8').readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

def summary = [
    '[INFO] product orders 1.0.0',
    '[INFO]   port orders -> local target/mesh/data/orders',
    '[INFO]     + create orders (5 columns)',
    '[INFO]     + grant read on orders to analyst',
    '[INFO] product daily-revenue 1.0.0',
    '[INFO]   port daily_revenue -> local target/mesh/data/daily_revenue',
    '[INFO]     + create daily_revenue (3 columns)',
    '[INFO]     + grant read on daily_revenue to analyst',
    "[INFO] Plan: 4 change(s) in 2 product(s) for environment 'dev'",
    // the scenario is a project root of its own (the invoker gives it a .mvn folder) without a Maven Wrapper
    '[INFO] Plan saved to target/mesh/plan.json; apply it with mvn mesh:deploy -Dmesh.plan=target/mesh/plan.json',
]
def start = lines.indexOf(summary[0])
assert start >= 0 : 'no plan summary in build.log'
assert lines.subList(start, Math.min(start + summary.size(), lines.size())) == summary
expect '[INFO] BUILD SUCCESS'

def plan = new File(basedir, 'target/mesh/plan.json')
assert plan.isFile() : 'mesh:plan did not write ' + plan
def json = new groovy.json.JsonSlurper().parse(plan)
assert json.environment == 'dev'
assert json.products*.productId == ['orders', 'daily-revenue']

// planning has no side effects
assert !new File(basedir, 'target/mesh/data').exists() : 'mesh:plan wrote data'
