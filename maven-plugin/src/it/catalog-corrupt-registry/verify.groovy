// A corrupt catalog file fails the build with its name and what to do; it is not overwritten, and no
// site is written from a silently emptied catalog.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def error = lines.find { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') }
assert error != null : 'no goal failure'
assert log.contains('registry/dev/_catalog/orders.json') : 'the corrupt file is not named'
assert log.contains("restore it from a backup, or delete it (the product's next mesh:deploy records it again); nothing was overwritten")
assert new File(basedir, 'registry/dev/_catalog/orders.json').text == '{"productId": "orders", "environment": "dev", "name": "Orders", '
assert !new File(basedir, 'target/mesh/catalog/index.html').exists() : 'a site was written from a broken registry'
assert !log.contains('NullPointerException')
