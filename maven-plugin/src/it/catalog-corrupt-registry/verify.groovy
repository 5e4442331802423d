// A corrupt catalog file fails the build with its name and what to do; it is not overwritten, and no
// site is written from a silently emptied catalog.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()
def error = lines.find { it.startsWith('[ERROR] Failed to execute goal dev.meshsdk:mesh-maven-plugin') }
assert error != null : 'no goal failure'
// the file, the line and column once, the parser's own words once, and what to do
assert error.contains("registry/dev/_catalog/orders.json is not valid JSON at line 1, column 65 (Unexpected"
        + " end-of-input within/between Object entries); restore it from a backup, or delete it (the product's next"
        + " mesh:deploy records it again); nothing was overwritten") : error
assert error.count('Unexpected end-of-input') == 1 : error
assert !log.contains('REDACTED') && !log.contains('INCLUDE_SOURCE_IN_LOCATION')
assert new File(basedir, 'registry/dev/_catalog/orders.json').text == '{"productId": "orders", "environment": "dev", "name": "Orders", '
assert !new File(basedir, 'target/mesh/catalog/index.html').exists() : 'a site was written from a broken registry'
assert !log.contains('NullPointerException')
