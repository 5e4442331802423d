// mesh:plan then mesh:deploy -Dmesh.plan=...: the saved plan is applied as it was.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }

expect '[INFO] Deploying the plan saved in target/mesh/plan.json'
expect "[INFO] [1/2] Deploying product 'orders'"
expect "[INFO] [2/2] Deploying product 'daily-revenue'"
def planned = lines.find { it ==~ /\[INFO\] Plan: \d+ change\(s\) in 2 product\(s\) for environment 'dev'/ }
def n = (planned =~ /Plan: (\d+) change/)[0][1]
expect "[INFO] Deployed 2 product(s) to 'dev': ${n} change(s)".toString()
assert log.count('[INFO] BUILD SUCCESS') == 2

// 3: a missing plan file fails, saying to run mesh:plan; the scenario is a project root of its own (the invoker
// gives it a .mvn folder) without a Maven Wrapper, so the hint says mvn (MavenCommandTest covers ./mvnw and ../../mvnw)
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') && it.endsWith(
        "Cannot deploy from plan ${new File(basedir, 'target/mesh/missing.json').path}: the file does not exist; run"
        + " mvn mesh:plan first, or fix -Dmesh.plan -> [Help 1]") } : 'no error for the missing plan'
