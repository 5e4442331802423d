// A server type no loaded adapter serves: mesh:validate warns and succeeds, mesh:deploy fails at the same place.
def lines = new File(basedir, 'build.log').getText('UTF-8').readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }
// Maven prints each line of the failure message after [ERROR]; the last one ends with ' -> [Help 1]'
def expectError = { String line ->
    assert lines.contains('[ERROR] ' + line) || lines.contains('[ERROR] ' + line + ' -> [Help 1]') : "build.log has no line: [ERROR] " + line
}
def file = { String path -> basedir.toPath().resolve(path).toAbsolutePath().normalize().toString() }
def failedGoal = { String goal, String message ->
    "[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:${projectVersion}:${goal} (default-cli) on project ${basedir.name}: ${message}".toString()
}

def contract = file('src/main/mesh/contracts/orders.yaml')
expect '[WARNING] ' + contract + ":16:11: warning: Server 'local-dev' has type 'duckdb', for which no storage adapter is loaded (loaded adapters: local); add the plugin of a 'duckdb' storage adapter before deploying to it, or deploy this server elsewhere [MESH-ADAPTER]"
expect "[INFO] Validated 1 data product(s) for environment 'dev': 1 warning(s)"
expect '[INFO] BUILD SUCCESS'

expect '[INFO] BUILD FAILURE'
expect failedGoal('deploy', 'Cannot continue: 1 error(s) in the data product descriptors')
expectError contract + ":16:11: error: Cannot deploy output port 'orders' to environment 'dev': no storage adapter is loaded for server type 'duckdb'; add the adapter module to the plugin's dependencies (loaded adapters serve [local]) [MESH-ADAPTER]"
assert !lines.any { it.contains('Deploying product') }
