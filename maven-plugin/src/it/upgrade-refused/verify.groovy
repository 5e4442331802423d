// mesh:upgrade on a v3.0.2 contract with a top-level key v3.1.0 does not accept: the file is not written, the goal
// fails naming the key's line; the rule that has no v3.1.0 metric is a warning with its line.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect '[WARNING] src/main/mesh/orders/contracts/orders.yaml:14: schema[0].quality[0].rule: rule: customerCheck; needs a' +
        ' human: write \'metric:\' with one of duplicateValues, invalidValues, missingValues, nullValues, rowCount, or' +
        ' make it a sql or custom rule'
expect '[INFO] 0 file(s) to upgrade'
assert lines.any { it.startsWith('[ERROR] Failed to execute goal') && it.endsWith(': Cannot upgrade 1 file(s): the' +
        ' upgraded text would not validate, so they were left as they are') }
assert lines.any { it.startsWith('[ERROR] ') && it.contains('orders.yaml:9:1: error: Cannot upgrade orders.yaml to ODCS v3.1.0: ') } :
        'no located error for the unknown key'
def contract = new File(basedir, 'src/main/mesh/orders/contracts/orders.yaml').getText('UTF-8')
assert contract.startsWith('apiVersion: v3.0.2\n') : 'the contract must not be written'
true
