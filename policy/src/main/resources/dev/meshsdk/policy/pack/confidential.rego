# Nothing confidential is readable by everyone.
# A denial's details name the contract, table and column, so the SDK reports it at that column's entry in the
# contract with this policy's file and line in the hint.
package mesh.governance.confidential

import rego.v1

everyone := {"public", "everyone", "all", "*", "all_users", "allusers", "authenticated"}

confidential_classes := {"confidential", "restricted", "secret"}

# roles first: a contract no role of which lets everyone read is passed over without reading its columns
deny contains {"msg": msg, "details": {"contractId": c.id, "table": obj.name, "column": prop.name}} if {
	some c in input.contracts
	some r in c.roles
	lower(r.role) in everyone
	some obj in c.schema
	some prop in obj.properties
	lower(prop.classification) in confidential_classes
	msg := sprintf("column '%s.%s' of contract '%s' is %s but role '%s' lets everyone read it; grant named consumer roles instead", [obj.name, prop.name, c.id, prop.classification, r.role])
}
