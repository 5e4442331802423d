// mesh:plan: saves the plan as JSON and logs the readable summary, products in dependency order.
def lines = new File(basedir, 'build.log').getText('UTF-8').readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

def plan = new File(basedir, 'target/mesh/plan.json')
assert plan.isFile() : 'mesh:plan did not write ' + plan
def json = new groovy.json.JsonSlurper().parse(plan)
assert json.environment == 'dev'
assert json.products*.productId == ['orders', 'daily-revenue']

expect '[INFO] product orders 1.0.0'
expect '[INFO] product daily-revenue 1.0.0'
assert lines.indexOf('[INFO] product orders 1.0.0') < lines.indexOf('[INFO] product daily-revenue 1.0.0')
assert lines.any { it.startsWith('[INFO]     + create ') } : 'no "+ create" line in the summary'
assert lines.any { it ==~ /\[INFO\] Plan: \d+ change\(s\) in 2 product\(s\) for environment 'dev'/ }
expect '[INFO] Plan saved to target/mesh/plan.json; apply it with mvn mesh:deploy -Dmesh.plan=target/mesh/plan.json'
expect '[INFO] BUILD SUCCESS'
// planning changes nothing
assert !new File(basedir, 'target/mesh/data').exists() : 'mesh:plan wrote data'
