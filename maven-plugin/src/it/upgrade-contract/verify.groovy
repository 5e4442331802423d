// mesh:upgrade on a v3.0.0 contract beside a v1.0.0 product: the dry run reports and writes nothing, the upgrade
// rewrites the contract keeping its comments and leaves the product as it is, the result validates, and a second upgrade finds nothing to do.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect '[INFO] src/main/mesh/orders/contracts/orders.yaml: ODCS v3.0.0 -> v3.1.0'
expect '[INFO]   2:1: apiVersion: v3.0.0 -> apiVersion: v3.1.0'
expect '[INFO]   25:13: schema[0].properties[0].quality[0]: rule: nullCheck -> metric: nullValues'
expect '[INFO]   38:1: team: a list of 1 member(s) -> team.members: that list'
assert !log.contains('product.yaml') : 'the product is at the newest version and must not be upgraded'
expect '[INFO] Would upgrade 1 file(s) to ODCS v3.1.0 / ODPS v1.0.0: 3 change(s)'
expect '[INFO] Upgraded 1 file(s) to ODCS v3.1.0 / ODPS v1.0.0: 3 change(s)'
expect "[INFO] Validated 1 data product(s) for environment 'dev': no problems"
expect '[INFO] 0 file(s) to upgrade'
// the dry run wrote nothing: the real upgrade found the same changes to make
assert log.count('[INFO]   2:1: apiVersion: v3.0.0 -> apiVersion: v3.1.0') == 2
assert log.count('[INFO] BUILD SUCCESS') == 3
assert !lines.any { it.startsWith('[WARNING]') } : 'unexpected warnings'

def contract = new File(basedir, 'src/main/mesh/orders/contracts/orders.yaml').getText('UTF-8')
assert contract.startsWith('# The orders contract, first written for ODCS v3.0.0.\napiVersion: v3.1.0 # upgraded by mesh:upgrade\n')
assert contract.contains('          # every order has an id\n          - metric: nullValues\n')
assert contract.endsWith('team:\n  members:\n    - username: asha.rao\n      role: owner\n')
def product = new File(basedir, 'src/main/mesh/orders/product.yaml').getText('UTF-8')
assert product.startsWith('# already at the newest ODPS version: mesh:upgrade leaves this file as it is\napiVersion: v1.0.0\n')
true
