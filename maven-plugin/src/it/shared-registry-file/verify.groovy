// Two teams' builds share one file registry folder: the consumer's input port resolves only once the
// producer deployed; then the consumer's catalog site and exports show both teams' products.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()

// 1: before the producer deployed, the consumer's input port is an error located at the input port
assert lines.any { it.startsWith('[ERROR] ') && it.endsWith("consumer/src/main/mesh/daily-revenue/product.yaml:17:17:"
        + " error: Cannot resolve input port 'orders' of product 'daily-revenue': it consumes contract 'sales-orders',"
        + " which no product in this build or in the registry for 'dev' (" + new File(basedir, 'registry').canonicalPath
        + ") offers; deploy the producing product to 'dev'"
        + " first (builds see each other's products when they share a registry: mesh.registry,"
        + " mesh.registry.file.root), or fix the contractId [MESH-REF]") } : 'no located MESH-REF error'

// 2 and 3: each build deploys its own product into the shared registry
assert lines.count { it == "[INFO] Deployed 1 product(s) to 'dev': 2 change(s)" } == 2
assert lines.contains("[INFO] [1/1] Deploying product 'orders'")
assert lines.contains("[INFO] [1/1] Deploying product 'daily-revenue'")
def registry = new File(basedir, 'registry/dev')
assert new File(registry, '_catalog/orders.json').isFile()
def revenue = new groovy.json.JsonSlurper().parse(new File(registry, '_catalog/daily-revenue.json'))
assert revenue.inputPorts.size() == 1
assert revenue.inputPorts[0].producer == 'orders' && revenue.inputPorts[0].producerPort == 'orders'
assert revenue.inputPorts[0].majorVersion == 1
def orders = new groovy.json.JsonSlurper().parse(new File(registry, '_catalog/orders.json'))
assert orders.outputPorts[0].address.startsWith('file:/') && orders.outputPorts[0].address.endsWith('/producer/target/mesh/data/orders/orders')
assert orders.owner.team == 'order-platform'
// each deployment keeps the entry it left beside its history, for the lineage export
['orders': orders, 'daily-revenue': revenue].each { id, entry ->
    def kept = new File(registry, "${id}/deployed.jsonl").readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
    assert kept*.entry == [entry]
    assert kept[0].record.outcome == 'SUCCEEDED' && kept[0].record.productId == id
}

// 4: the catalog site, written by the consumer's build, holds the producer's product too
assert lines.contains("[INFO] Wrote the catalog of 2 product(s) in 'dev' to target/mesh/catalog/index.html")
def site = new File(basedir, 'consumer/target/mesh/catalog')
def index = new File(site, 'index.html').getText('UTF-8')
assert index.contains('orders') && index.contains('daily-revenue')
def ordersPage = new File(site, 'products/orders.html').getText('UTF-8')
assert ordersPage.contains('Asha Rao') && ordersPage.contains('customer_id') && ordersPage.contains('restricted')
def revenuePage = new File(site, 'products/daily-revenue.html').getText('UTF-8')
assert revenuePage.contains('data-producer="orders"') && revenuePage.contains('data-consumer="daily-revenue"')

// 5: the exports
def exported = lines.find { it.startsWith("[INFO] Exported 2 product(s) of 'dev': ") }
assert exported == "[INFO] Exported 2 product(s) of 'dev': 2 OpenLineage event(s) to target/mesh/export/openlineage.jsonl; " +
        "${exported.replaceAll(/.*; (\d+) DataHub.*/, '$1')} DataHub proposal(s) to target/mesh/export/datahub.json"
def events = new File(basedir, 'consumer/target/mesh/export/openlineage.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events*.job*.name.sort() == ['daily-revenue', 'orders']
def revenueEvent = events.find { it.job.name == 'daily-revenue' }
assert revenueEvent.eventType == 'COMPLETE'
assert revenueEvent.inputs*.name.any { it.endsWith('/producer/target/mesh/data/orders/orders') }
def datahub = new groovy.json.JsonSlurper().parse(new File(basedir, 'consumer/target/mesh/export/datahub.json'))
assert datahub instanceof List && datahub.any { it.entityUrn == 'urn:li:dataProduct:orders' }

// 6: a third team's product of the same id is refused at its team's name; the registry still says order-platform
assert lines.any { it.startsWith('[ERROR] ') && it.endsWith("intruder/src/main/mesh/orders/product.yaml:21:9: error:"
        + " Cannot deploy product 'orders' to 'dev' as team 'web-shop': the registry records it as owned by team"
        + " 'order-platform' (version 1.0.0); choose another product id if this is a different product; if it really"
        + " moves to team 'web-shop', agree it with team 'order-platform' and deploy once with -Dmesh.transfer=orders"
        + " [MESH-OWNER]") } : 'no located MESH-OWNER error'
assert new groovy.json.JsonSlurper().parse(new File(registry, '_catalog/orders.json')).owner.team == 'order-platform'
assert !new File(basedir, 'intruder/target/mesh/data').exists() : 'the refused build created tables'

// 7: a copy of orders under another id, still offering contract 'sales-orders', is refused at the port's contractId
assert lines.any { it.startsWith('[ERROR] ') && it.endsWith("copycat/src/main/mesh/orders-copy/product.yaml:19:17: error:"
        + " Cannot offer contract 'sales-orders' from output port 'orders' of product 'orders-copy': product 'orders'"
        + " of team 'order-platform' already offers it in 'dev', and its consumers would resolve to either; give this"
        + " product's contract its own id (the contract's id and this port's contractId); if it is the same data,"
        + " consume it from 'orders' instead [MESH-OWNER]") } : 'no located MESH-OWNER error for the contract id'
assert !new File(registry, '_catalog/orders-copy.json').exists()
assert !new File(basedir, 'copycat/target/mesh/data').exists() : 'the refused build created tables'

assert !log.contains('NoClassDefFoundError') && !log.contains('Exception in thread')
