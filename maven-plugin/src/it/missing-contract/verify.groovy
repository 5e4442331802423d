// An output port naming a contract that does not exist: an error with a suggestion; the orphan contract is a warning.
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

expect '[WARNING] ' + file('src/main/mesh/contracts/orders.yaml') + ":3:5: warning: Contract 'sales-orders' is not used by any output port of product 'orders'; reference it from an output port's contractId, or remove the file [MESH-REF]"
expect '[INFO] BUILD FAILURE'
expect failedGoal('validate', 'Cannot validate 1 data product(s): 1 error(s)')
expectError file('src/main/mesh/product.yaml') + ":19:17: error: Cannot find contract 'sales-order' of output port 'orders' in " + file('src/main/mesh/contracts') + "; add contracts/<name>.yaml with 'id: sales-order', or fix the contractId; perhaps you meant 'sales-orders' [MESH-REF]"
