// What a user sees when mesh:forget is refused, in a build that has no product of its own (the privacy office's):
// no subject given, nothing deployed, a subject type no contract marks (the known types are listed), no type given
// where only typed keys exist. None of them forks a JVM or starts Spark, and the subject's value is never shown.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def stackTrace = { String line -> line ==~ /\s*at [\w.$<>]+\(.*\)/ || line.startsWith('Caused by:') ||
        (line.contains('Exception') && !line.contains('cwiki.apache.org')) }
def expectError = { String message ->
    assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin:') && it.endsWith(
            ':forget (default-cli) on project forget-failures-privacy: ' + message + ' -> [Help 1]') } :
            'no [ERROR] line: ' + message
}

expectError "Cannot forget: say whose data to erase with -Dmesh.subject=<value>, the value of the subject's key" +
        " column (the column whose contract marks it with subjectKey), and its type with -Dmesh.subjectType=<type>" +
        " unless it is marked subjectKey: true"
expectError "Cannot run mesh:forget: Cannot read the file registry at ${new File(basedir, 'registry').path}: the" +
        " folder does not exist; check mesh.registry.file.root (relative paths are relative to the project) and that" +
        " the disk holding it is mounted; the first mesh:deploy to a registry creates its folder, reading the catalog" +
        " does not"
expectError "Cannot forget a subject of type 'default': no product in 'prod' marks a subject key; mark the column" +
        " that identifies a person with customProperties subjectKey: true (or the subject's type) and deploy"
expectError "Cannot forget a subject of type 'employee': no product in 'dev' marks a subject key of that type; the" +
        " types the mesh knows: [customer]"
expectError "Cannot forget a subject of type 'default': no product in 'dev' marks a subject key of that type; the" +
        " types the mesh knows: [customer] (no type given means 'default', what subjectKey: true marks)"
assert log.count('[INFO] BUILD FAILURE') == 5 && log.count('[INFO] BUILD SUCCESS') == 1
assert lines.contains("[INFO] Deployed 1 product(s) to 'dev': 2 change(s)")

assert !log.contains('C-21449') : 'the subject is in the log: ' + lines.findAll { it.contains('C-21449') }
assert !log.contains('JVM of its own') && !log.contains('Started Spark') : 'Spark was started for a forget that could not run'
assert !lines.any { stackTrace(it) } : 'a stack trace: ' + lines.findAll { stackTrace(it) }
