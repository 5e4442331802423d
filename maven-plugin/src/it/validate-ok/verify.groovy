// mesh:validate on two valid products: success, no warnings, one closing line.
def lines = new File(basedir, 'build.log').getText('UTF-8').readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect "[INFO] Validated 2 data product(s) for environment 'dev': no problems"
expect '[INFO] BUILD SUCCESS'
assert !lines.any { it.startsWith('[WARNING]') } : 'unexpected warnings: ' + lines.findAll { it.startsWith('[WARNING]') }
