// Settings nothing reads are warned about once each, with where they were given and the nearest key; known ones
// (a goal's parameter, sdk-core's, an adapter's, a prefix's) are not, and validation still succeeds.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect '[WARNING] Setting mesh.check.failon (the POM\'s <config>) is read by neither the SDK nor a loaded plugin, so it is ignored; perhaps you meant mesh.check.failOn'
expect '[WARNING] Setting mesh.enviroment (-D on the command line) is read by neither the SDK nor a loaded plugin, so it is ignored; perhaps you meant mesh.environment'
def warnings = lines.findAll { it.startsWith('[WARNING]') }
assert warnings.size() == 2 : 'expected the two warnings once each, got: ' + warnings
assert log.count("[INFO] Validated 2 data product(s) for environment 'dev': no problems") == 2
assert log.contains('[INFO] BUILD SUCCESS')
