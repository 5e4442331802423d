// An unreachable registry fails with its address and what to check; the catalog is never silently empty.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('127.0.0.1:1/mesh') : 'the registry address is not named'
assert log.readLines().any { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') }
assert !new File(basedir, 'target/mesh/catalog/index.html').exists() : 'a site was written without a registry'
assert !log.contains('Wrote the catalog')
