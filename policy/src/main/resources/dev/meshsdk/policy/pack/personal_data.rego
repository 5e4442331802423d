# Columns that hold personal data need restricted access, a retention limit and a subject key, so
# that access can be reviewed, data expires, and one person's rows can be erased.
# Each denial's details name the contract, its table and (for a column's denial) the column, so the SDK reports it
# at that column's entry in the contract (the table's, for a missing subject key) with this policy's file and line in
# the hint.
package mesh.governance.personal_data

import rego.v1

personal_classes := {"restricted", "confidential", "pii", "personal", "sensitive"}

personal(prop) if lower(prop.classification) in personal_classes

personal(prop) if "pii" in prop.tags

# Each rule tests what the contract or table lacks before it looks for personal columns, so a contract that
# has what it needs is passed over without reading its columns one by one.

deny contains {"msg": msg, "details": {"contractId": c.id, "table": obj.name, "column": prop.name}} if {
	some c in input.contracts
	count(object.get(c, "roles", [])) == 0
	some obj in c.schema
	some prop in obj.properties
	personal(prop)
	msg := sprintf("column '%s.%s' of contract '%s' holds personal data but the contract declares no roles; list the roles that may read it", [obj.name, prop.name, c.id])
}

deny contains {"msg": msg, "details": {"contractId": c.id, "table": obj.name, "column": prop.name}} if {
	some c in input.contracts
	not has_retention(c)
	some obj in c.schema
	some prop in obj.properties
	personal(prop)
	msg := sprintf("column '%s.%s' of contract '%s' holds personal data but the contract sets no retention limit; add a slaProperties entry with property 'retention'", [obj.name, prop.name, c.id])
}

deny contains {"msg": msg, "details": {"contractId": c.id, "table": obj.name}} if {
	some c in input.contracts
	some obj in c.schema
	not has_subject_key(obj)
	some prop in obj.properties
	personal(prop)
	msg := sprintf("table '%s' of contract '%s' holds personal data but no column is its subject key; add customProperties 'subjectKey: true' to the column that identifies a person", [obj.name, c.id])
}

has_retention(c) if {
	some sla in c.slaProperties
	sla.property == "retention"
}

# subjectKey: true, or the kind of subject it identifies (subjectKey: customer)
has_subject_key(obj) if {
	some prop in obj.properties
	some cp in prop.customProperties
	cp.property == "subjectKey"
	not cp.value in {false, "false", ""}
}
