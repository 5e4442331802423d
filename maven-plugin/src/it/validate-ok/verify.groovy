// mesh:validate on two valid products: success, no warnings at all, one closing line; -Dmesh.skip skips it;
// -Dmesh.metrics=csv:<dir> says where the metrics go, and they go there.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect "[INFO] Validated 2 data product(s) for environment 'dev': no problems"
expect '[INFO] Skipping mesh:validate (mesh.skip is true)'
expect '[INFO] Metrics go to target/metrics, one CSV file per metric, written when the goal ends'
assert log.count('[INFO] Metrics go to ') == 1
def metrics = new File(basedir, 'target/metrics').listFiles({ it.name.endsWith('.csv') } as FileFilter)
assert metrics != null && metrics.length > 0 : 'no CSV file in target/metrics'
assert log.count('[INFO] BUILD SUCCESS') == 3
def warnings = lines.findAll { it.startsWith('[WARNING]') }
assert warnings.isEmpty() : 'unexpected warnings: ' + warnings
