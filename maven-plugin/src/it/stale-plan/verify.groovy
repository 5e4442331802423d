// A plan made before the descriptors changed is refused, changing nothing.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect '[INFO] BUILD FAILURE'
expect "[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:${projectVersion}:deploy (default-cli) on project stale-plan: Cannot deploy product 'orders' from this plan: its descriptors changed since the plan was made; run mesh:plan again -> [Help 1]".toString()
assert !lines.any { it.contains('Deploying product') } : 'a stale plan was partly applied'
assert !new File(basedir, 'target/mesh/data').exists()
