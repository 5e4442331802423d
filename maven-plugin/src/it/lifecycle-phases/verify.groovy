// The data-product packaging binds the mesh's goals to Maven's phases: verify validates and plans and changes
// nothing; deploy validates, plans and deploys, and needs no distributionManagement (nothing is uploaded);
// install packages and installs nothing; mesh:help lists the goals and describes one's parameters readably.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def builds = []
def current = []
lines.each { line ->
    current << line
    if (line.startsWith('[INFO] BUILD ')) { builds << current; current = [] }
}
assert builds.size() == 5 : "expected 5 builds, the log has " + builds.size()
assert builds.every { b -> b.contains('[INFO] BUILD SUCCESS') } : 'a build failed'

def ran = { List<String> build, String goal -> build.any { it.contains("--- mesh:") && it.contains(":${goal} (default-${goal})") } }

// 1. verify: validate, then plan; nothing deployed
def verify = builds[0]
assert ran(verify, 'validate') && ran(verify, 'plan') : 'verify did not run mesh:validate and mesh:plan'
assert !ran(verify, 'deploy')
assert verify.any { it ==~ /\[INFO\] .*\+ create orders \(5 columns\).*/ } : 'the plan does not show the table to create'
assert verify.any { it.startsWith('[INFO] Plan saved to target/mesh/plan.json') }
assert !verify.any { it.contains('Deployed') || it.contains('Deploying') } : 'verify deployed'

// 2. deploy: the same, then deploy; no artifact upload
def deploy = builds[1]
assert ran(deploy, 'validate') && ran(deploy, 'plan') && ran(deploy, 'deploy')
assert deploy.contains("[INFO] Deployed 2 product(s) to 'dev': 4 change(s)")
assert !log.contains('distributionManagement') : 'the deploy phase wanted a repository'
assert !deploy.any { it.contains('maven-deploy-plugin') || it.contains('maven-install-plugin') }
def deltaLogs = []
new File(basedir, 'target/mesh/data/orders').eachDirRecurse { if (it.name == '_delta_log') deltaLogs << it }
assert deltaLogs : 'no Delta table under target/mesh/data/orders'

// 3. install: up to date, nothing packaged or installed
def install = builds[2]
assert ran(install, 'plan') && !ran(install, 'deploy')
assert !install.any { it.contains('maven-install-plugin') || it.contains('maven-jar-plugin') }
assert !new File(basedir, 'target').listFiles().any { it.name.endsWith('.jar') }

// 4. mesh:help with detail: the goals and their parameters, angle brackets kept
def help = builds[3].join('\n')
assert help.contains('mesh:deploy') && help.contains('Available parameters')
assert help.contains('mesh.<name>.<key>') : 'the config parameter lost its angle brackets'
assert !help.contains('mesh.. keys')
assert help.contains('plan')

// 5. mesh:help: every goal
def goals = builds[4].join('\n')
def all = ['validate', 'plan', 'deploy', 'publish', 'check', 'forget', 'classify', 'catalog', 'export', 'usage-collect',
           'usage', 'upgrade', 'help']
assert goals.contains("This plugin has ${all.size()} goals")
all.each {
    assert goals.contains("mesh:${it}\n") : "mesh:help does not list mesh:${it}"
}
true
