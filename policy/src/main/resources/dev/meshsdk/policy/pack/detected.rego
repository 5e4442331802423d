# Data that looks personal when the port's data is sampled (publish, check) must be classified as personal in the
# contract, so that the personal-data rules (restricted access, retention, subject key) apply to it. input.detected
# lists the columns the SDK's detectors matched: {port, majorVersion, table, column, detector, share, matched, sampled};
# never a value. A denial's details name the port, its contract, table and column: the SDK points at that column.
package mesh.governance.detected

import rego.v1

personal_classes := {"restricted", "confidential", "pii", "personal", "sensitive"}

kinds := {
	"email": "e-mail addresses",
	"phone": "phone numbers",
	"iban": "IBANs",
	"card_number": "payment card numbers",
	"ip_address": "IP addresses",
	"date_of_birth": "dates of birth",
	"person_name": "people's names",
}

deny contains {"msg": msg, "details": {"port": d.port, "contractId": contract_of(d.port), "table": d.table, "column": d.column}} if {
	input.event in {"publish", "check"}
	some d in input.detected
	not classified(d)
	msg := sprintf("column '%s.%s' of output port '%s' holds what looks like %s (%d%% of %d sampled values) but its contract does not classify it as personal data; classify it (classification: pii) or keep that data out of the port", [d.table, d.column, d.port, object.get(kinds, d.detector, d.detector), round(d.share * 100), d.sampled])
}

# The contract of the output port named port, or null when the product names none.
contract_of(port) := ids[0] if {
	ids := [out.contractId | some out in input.product.outputPorts; out.name == port]
	count(ids) > 0
} else := null

classified(d) if {
	some out in input.product.outputPorts
	out.name == d.port
	some c in input.contracts
	c.id == out.contractId
	some obj in c.schema
	d.table in {obj.name, object.get(obj, "physicalName", obj.name)}
	some prop in obj.properties
	d.column in {prop.name, object.get(prop, "physicalName", prop.name)}
	personal(prop)
}

personal(prop) if lower(prop.classification) in personal_classes

personal(prop) if "pii" in prop.tags
