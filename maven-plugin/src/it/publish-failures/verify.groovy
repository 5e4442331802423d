// What a user sees when mesh:publish is refused: a header that does not match the contract, a blocking rule that
// fails on the file's rows, several values that do not fit their columns, a product that is not deployed, a file that is not there, parameters missing or wrong.
// Nothing is published by any of them: the port's Delta table stays at its first version (the deploy's).
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
// a line of a stack trace, or an exception's name (Maven's own [Help 1] link names MojoFailureException)
def stackTrace = { String line -> line ==~ /\s*at [\w.$<>]+\(.*\)/ || line.startsWith('Caused by:') ||
        (line.contains('Exception') && !line.contains('cwiki.apache.org')) }
def data = new File(basedir, 'src/main/data').canonicalPath
def expectError = { String message ->
    assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
            ':publish (default-cli) on project publish-failures: ' + message + ' -> [Help 1]') } : 'no [ERROR] line: ' + message
}

// the header is placed at its first name the contract does not have
expectError "${data}/orders-bad-header.csv:1:31: Cannot publish ${data}/orders-bad-header.csv to port 'orders' of product 'orders': its columns do not" +
        " match object 'orders' of contract sales-orders 1.0.0: missing 'amount', 'status'; not in the contract" +
        " 'amout' (perhaps you meant 'amount'); name every column of the contract once, in any order, and no other (the contract's columns:" +
        " 'order_id', 'customer_id', 'order_ts', 'amount', 'status')"
// each failed row-level rule names the first lines breaking it, never a value: the first one's place leads
def status = "${data}/orders-bad-status.csv"
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
        ":publish (default-cli) on project publish-failures: ${status}:9:1: Cannot publish ${status} to port 'orders' of" +
        " product 'orders': 2 blocking quality rule(s) failed on its rows: rule 'duplicateValues' on orders.order_id:" +
        " measured 1, expected mustBe 0; rule 'invalidValues' on orders.status: measured 1, expected mustBe 0; nothing" +
        " was published, the port is as it was; fix the data and publish again") } : 'no [ERROR] line for the rules'
def nextTo = { String first, String second ->
    int i = lines.findIndexOf { it == first }
    assert i >= 0 && lines[i + 1].startsWith(second) : 'no lines: ' + first + ' / ' + second + '\n' + lines.findAll { it.startsWith('[ERROR]') }.join('\n')
}
nextTo "[ERROR] ${status}:9:1: column 'order_id' repeats the value of an earlier row (rule 'duplicateValues')",
        "[ERROR] ${status}:5:74: column 'status' holds a value that is not valid (rule 'invalidValues')"
assert !log.contains('lost') : 'a value: ' + lines.findAll { it.contains('lost') }
expectError "Cannot find product 'ordres' in 'dev': it is not deployed there; check the id with mesh:catalog or search()"
expectError "Cannot publish ${data}/missing.csv to port 'orders' of product 'orders': there is no such file; check the path"
expectError "Cannot publish: say the file to publish with -Dmesh.file=... (or <file> in the plugin's configuration)"
expectError "Invalid <mode> (-Dmesh.mode): 'upsert'; use replace (swap the table's rows for the file's) or append"
// several bad values: the first one's place leads, then a line per value (never the value), then how many more
def values = "${data}/orders-bad-values.csv"
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
        ":publish (default-cli) on project publish-failures: ${values}:2:67: Cannot publish to port 'orders' of product" +
        " 'orders': 13 bad values in the file ('order_ts' 1, 'amount' 12), the first 10 below; nothing was published," +
        " fix the file and publish again") } : 'no [ERROR] line for the bad values'
def listed = ['2:67 amount', '3:67 amount', '4:46 order_ts', '4:56 amount', '6:67 amount', '7:67 amount', '8:67 amount',
              '10:67 amount', '11:67 amount', '12:67 amount'].collect {
    def (at, column) = it.split(' ')
    "[ERROR] ${values}:${at}: column '${column}' is not a valid ${column == 'amount' ? 'decimal(12,2)' : 'timestamp'}".toString()
}
int firstListed = lines.findIndexOf { it == listed[0] }
assert firstListed > 0 : 'no line: ' + listed[0]
assert lines.subList(firstListed, firstListed + 11) == listed + ['[ERROR] and 3 more'] :
        lines.subList(firstListed, firstListed + 11).join('\n')
assert !log.contains('n/a') && !log.contains('yesterday') : 'a value is shown'

assert log.count('[INFO] BUILD FAILURE') == 7
assert !lines.any { it.startsWith('[INFO] Published ') }

// four builds forked; only the failed rule and the bad values started Spark: the bad header and the missing file
// were refused before the store was asked; the rest failed before, in Maven's JVM
assert log.count('[INFO] Running mesh:publish in a JVM of its own') == 4
assert lines.findAll { it ==~ /\[INFO\] Started Spark 4\.2\.0 in \d+\.\d s/ }.size() == 2
assert !lines.any { stackTrace(it) } : 'a stack trace: ' + lines.findAll { stackTrace(it) }

// nothing was committed: the table has only the deploy's commit
def commits = new File(basedir, 'target/mesh/data/orders').listFiles().findAll { it.isDirectory() }.collectMany {
    (new File(it, '_delta_log').listFiles() ?: []).findAll { it.name.endsWith('.json') }
}
assert commits*.name == ['00000000000000000000.json'] : 'commits: ' + commits*.name
