// A registry that holds nothing (here: a mistyped root) is refused, not shown as an empty catalog.
def lines = new File(basedir, 'build.log').readLines()
def error = lines.find { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') }
assert error != null
assert error.contains("Cannot run mesh:catalog: the file registry at ${new File(basedir, 'registyr').path} holds no product deployed to 'dev'; check -Dmesh.registry, -Dmesh.registry.file.root and -Dmesh.environment, or deploy a product first")
assert !new File(basedir, 'target/mesh/catalog/index.html').exists()
