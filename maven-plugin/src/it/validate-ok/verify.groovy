// mesh:validate on two valid products: success, no warnings at all, one closing line; -Dmesh.skip skips it.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect "[INFO] Validated 2 data product(s) for environment 'dev': no problems"
expect '[INFO] Skipping mesh:validate (mesh.skip is true)'
assert log.count('[INFO] BUILD SUCCESS') == 2
def warnings = lines.findAll { it.startsWith('[WARNING]') }
assert warnings.isEmpty() : 'unexpected warnings: ' + warnings
