// A format the port's adapter does not write: mesh:validate fails at the contract's 'format', told by the adapter
// without touching the store.
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

expect '[INFO] BUILD FAILURE'
expect failedGoal('validate', 'Cannot validate 1 data product(s): 1 error(s)')
expectError file('src/main/mesh/contracts/orders.yaml') + ":19:13: error: Cannot deploy output port 'orders': server 'local-dev' has format 'parquet', but the local adapter writes Delta tables only; write 'format: delta' or leave 'format' out [MESH-STORE]"
assert !new File(basedir, 'target/mesh/data').exists()
