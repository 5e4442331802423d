// mesh:check refused before it starts Spark: nothing deployed (no registry folder yet, or none for the environment),
// a product that is not deployed, a failOn level that does not exist. Each says what to do; none forks a JVM or
// starts Spark.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expectError = { String message ->
    assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
            ':check (default-cli) on project check-failures: ' + message + ' -> [Help 1]') } : 'no [ERROR] line: ' + message
}

expectError "Cannot run mesh:check: Cannot read the file registry at ${new File(basedir, 'target/mesh/registry').path}: the" +
        " folder does not exist; check mesh.registry.file.root (relative paths are relative to the project) and that" +
        " the disk holding it is mounted; the first mesh:deploy to a registry creates its folder, reading the catalog" +
        " does not"
expectError "Cannot check: no product is deployed to 'prod' in the registry; deploy first (mesh:deploy), or check" +
        " -Dmesh.registry, -Dmesh.registry.file.root and -Dmesh.environment"
expectError "Cannot check product 'ordres': it is not deployed to 'dev'; perhaps you meant 'orders'; deployed products: [orders]"
expectError "Invalid <failOn> (-Dmesh.check.failOn): Cannot fail a check on 'sometimes': use error or warning"
assert log.count('[INFO] BUILD FAILURE') == 4
assert !log.contains('JVM of its own') && !log.contains('Started Spark') : 'Spark was started for a check that could not run'
