// mesh:forget erases customer C-21449 from the two products whose contracts mark customer_id as a subject key of
// type customer: a line per port's receipt and one summary line; a second run deletes nothing and says so. The
// subject's value is nowhere afterwards: not in the build's log, not in the registry, not in the tables' files.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def stackTrace = { String line -> line ==~ /\s*at [\w.$<>]+\(.*\)/ || line.startsWith('Caused by:') ||
        (line.contains('Exception') && !line.contains('cwiki.apache.org')) }
def starts = lines.findIndexValues { it.startsWith('[INFO] --- mesh:') }.collect { it as int }
assert starts.size() == 6 : 'expected six goals in three builds, found ' + starts.size()
def build = { int i -> lines.subList(starts[i], i + 1 < starts.size() ? starts[i + 1] : lines.size()) }
def expectIn = { List<String> part, String line -> assert part.contains(line) : "no line: " + line + "\n" + part.join('\n') }
def row = { List<String> part, List<String> cells ->
    assert part.any { it ==~ '\\[INFO\\] ' + cells.collect { java.util.regex.Pattern.quote(it) }.join(' +') } :
            'no table row: ' + cells
}

// goal 4 (the second build): the erasure, purged at once
def first = build(3)
assert first.any { it ==~ /\[INFO\] Erasure request forget-[0-9a-f-]{36} for a subject of type 'customer' \(receipts in the registry's erasure log, by the subject's keyed hash [0-9a-f]{12}\.\.\.\)/ }
row first, ['port', 'version', 'store', 'status', 'rows deleted', 'physically gone']
row first, ['loyalty/points', 'v1', 'local', 'done', '1', 'yes']
row first, ['orders/orders', 'v1', 'local', 'done', '3', 'yes']
expectIn first, '[INFO] Forgot subject in 2 port(s): 4 row(s) deleted'
expectIn first, '[INFO] BUILD SUCCESS'

// goal 5 (the third build): again: nothing left, and the earlier request is named
def second = build(4)
// the first request purged at once: the table repeats its state, with no date of its own
row second, ['loyalty/points', 'v1', 'local', 'done', '0', 'yes (earlier)']
row second, ['orders/orders', 'v1', 'local', 'done', '0', 'yes (earlier)']
// one summary line, saying why nothing was deleted
assert second.any { it ==~ /\[INFO\] Forgot subject in 2 port\(s\): 0 row\(s\) deleted \(nothing to erase: subject [0-9a-f]{12}\.\.\. of type 'customer' has no rows in the 2 port\(s\) searched in 'dev'; it was erased by request forget-[0-9a-f-]{36} at [^)]*\)/ }
assert second.count { it.contains('Forgot subject in') } == 1 && !second.any { it.startsWith('[INFO] Nothing to erase') }

// goal 6 (the third build, in the forget's forked JVM): the check counts the rows left: 29 orders less the customer's 3
def check = build(5)
row check, ['orders/orders', 'orders rowCount', '26', 'mustBeGreaterThan 0', 'passed']
expectIn check, '[INFO] BUILD SUCCESS'

// the subject's value is in no log line, no registry file, no table file or Delta log; another customer's is in
// the loyalty table's file (so the search finds a value where Parquet's compression leaves it readable)
assert !log.contains('C-21449') : 'the subject is in the log: ' + lines.findAll { it.contains('C-21449') }
def holding = { File root, String text ->
    def found = []
    root.eachFileRecurse(groovy.io.FileType.FILES) { f -> if (new String(f.bytes, 'ISO-8859-1').contains(text)) found << f }
    found
}
def target = new File(basedir, 'target/mesh')
assert holding(target, 'C-21449').isEmpty() : 'the subject is in: ' + holding(target, 'C-21449')
assert !holding(new File(target, 'data/loyalty/points'), 'C-96620').isEmpty() : 'another customer is in no table file'
assert !holding(new File(target, 'registry'), 'forget-').isEmpty() : 'no receipt in the registry'

// the erasure log: the second request's receipts say when the rows became unrecoverable only as the first's did
def receipts = []
new File(target, 'registry').eachFileRecurse(groovy.io.FileType.FILES) { f ->
    if (f.parentFile.name == '_erasures' && f.name.endsWith('.jsonl')) {
        f.readLines('UTF-8').findAll { it.trim() }.each { receipts << new groovy.json.JsonSlurper().parseText(it) }
    }
}
def done = receipts.findAll { it.status == 'DONE' }
def requests = done.collect { it.requestId }.unique()
assert requests.size() == 2 : 'expected the receipts of two requests, found ' + requests
def firstTables = done.findAll { it.requestId == requests[0] }.collectMany { it.tables }
def secondTables = done.findAll { it.requestId == requests[1] }.collectMany { it.tables }
assert secondTables.every { it.rowsDeleted == 0 } : secondTables
assert secondTables.collect { [it.table, it.unrecoverableFrom, it.physicallyGone] } as Set ==
        firstTables.collect { [it.table, it.unrecoverableFrom, it.physicallyGone] } as Set :
        'the second request names a state of its own: ' + secondTables
assert secondTables.every { it.note.contains('request ' + requests[0] + ' deleted them') } : secondTables

assert log.count('[INFO] BUILD SUCCESS') == 3
assert !lines.any { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') } :
        'warnings: ' + lines.findAll { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') }
assert !lines.any { stackTrace(it) } : 'a stack trace: ' + lines.findAll { stackTrace(it) }
