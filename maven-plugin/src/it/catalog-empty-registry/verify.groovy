// A registry that cannot be what the user meant (a mistyped root that does not exist, or a folder holding no
// product) is refused, not shown as an empty catalog, and reading it creates nothing.
def lines = new File(basedir, 'build.log').readLines()
def errors = lines.findAll { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') }
def missing = new File(basedir, 'registyr').path
['catalog', 'export', 'usage'].each { goal ->
    assert errors.any { it.contains("(default-cli) on project catalog-empty-registry: Cannot run mesh:${goal}: Cannot read"
            + " the file registry at ${missing}: the folder does not exist; check mesh.registry.file.root (relative"
            + " paths are relative to the project) and that the disk holding it is mounted; the first mesh:deploy to a"
            + " registry creates its folder, reading the catalog does not") } : "no located error for mesh:${goal}"
}
assert !new File(basedir, 'registyr').exists() : 'a reader created the registry folder'
assert errors.any { it.contains("Cannot run mesh:catalog: the file registry at ${basedir.path}") && it.endsWith(" holds no"
        + " product deployed to 'dev'; check -Dmesh.registry, -Dmesh.registry.file.root and -Dmesh.environment, or deploy"
        + " a product first -> [Help 1]") }
assert !new File(basedir, 'target/mesh/catalog/index.html').exists()
assert !new File(basedir, 'target/mesh/export').exists()
