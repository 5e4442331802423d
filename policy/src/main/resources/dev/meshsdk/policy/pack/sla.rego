# Active products promise a service level: every contract of an active product declares an SLA.
# A denial's details name the contract and its slaProperties, so the SDK reports it there (or at the contract's top).
package mesh.governance.sla

import rego.v1

deny contains {"msg": msg, "details": {"contractId": c.id, "pointer": "/slaProperties"}} if {
	input.product.status == "active"
	some c in input.contracts
	count(object.get(c, "slaProperties", [])) == 0
	msg := sprintf("product '%s' is active but contract '%s' declares no SLA; add slaProperties (latency, frequency, retention)", [input.product.id, c.id])
}
