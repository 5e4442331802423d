// mesh:upgrade on a v3.0.2 contract with a top-level key v3.1.0 does not accept and a team member without the
// username v3.1.0 requires: the file is not written, the goal fails naming the lines and columns of the file on disk
// (the member is two columns further right in the upgraded text) and the member as the file has it (team[0]); the
// rule that has no v3.1.0 metric is a warning with its line and column; the closing line does not say there was
// nothing to upgrade.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect '[WARNING] src/main/mesh/orders/contracts/orders.yaml:14:9: schema[0].quality[0]: rule: customerCheck; needs a' +
        ' human: write \'metric:\' with one of duplicateValues, invalidValues, missingValues, nullValues, rowCount, or' +
        ' make it a sql or custom rule'
expect '[INFO] 1 file(s) to upgrade, none written: 1 cannot be upgraded'
assert !log.contains('0 file(s) to upgrade')
assert lines.any { it.startsWith('[ERROR] Failed to execute goal') && it.endsWith(': Cannot upgrade 1 file(s): the' +
        ' upgraded text would not validate, so they were left as they are') }
assert lines.any { it.startsWith('[ERROR] ') && it.contains('orders.yaml:9:1: error: Cannot upgrade orders.yaml to ODCS v3.1.0: ') } :
        'no located error for the unknown key'
assert lines.any { it.startsWith('[ERROR] ') && it.contains('orders.yaml:17:5: error: Cannot upgrade orders.yaml to ODCS v3.1.0: ') } :
        'no error at the member without username where it is on disk (17:5)'
assert !log.contains('orders.yaml:17:7:') : 'a column of the upgraded text'
// the member as the file on disk has it, not as the upgraded text would (team.members[0]); the file's own path
assert lines.any { it.startsWith('[ERROR] ' + new File(basedir, 'src/main/mesh/orders/contracts/orders.yaml').canonicalPath +
        ':17:5: error: Cannot upgrade orders.yaml to ODCS v3.1.0: Cannot read contract: \'team[0]\' is missing required' +
        ' field \'username\'') } : 'no error naming team[0] at the file on disk'
assert !log.contains('team.members[0]') : 'an element of the upgraded text'
assert lines.findIndexOf { it.contains('orders.yaml:9:1: error:') } < lines.findIndexOf { it.contains('orders.yaml:17:5: error:') } :
        'the errors in the order of the file'
// every warning and error about the file names its line and column
lines.findAll { (it.startsWith('[WARNING] ') || it.startsWith('[ERROR] ')) && it.contains('orders.yaml') }.each {
    assert it =~ /orders\.yaml:\d+:\d+: / : 'no line:column in: ' + it
}
def contract = new File(basedir, 'src/main/mesh/orders/contracts/orders.yaml').getText('UTF-8')
assert contract.startsWith('apiVersion: v3.0.2\n') : 'the contract must not be written'
true
