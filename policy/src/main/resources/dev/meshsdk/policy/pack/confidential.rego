# Nothing confidential is readable by everyone.
package mesh.governance.confidential

import rego.v1

everyone := {"public", "everyone", "all", "*", "all_users", "allusers", "authenticated"}

confidential_classes := {"confidential", "restricted", "secret"}

# roles first: a contract no role of which lets everyone read is passed over without reading its columns
deny contains msg if {
	some c in input.contracts
	some r in c.roles
	lower(r.role) in everyone
	some obj in c.schema
	some prop in obj.properties
	lower(prop.classification) in confidential_classes
	msg := sprintf("column '%s.%s' of contract '%s' is %s but role '%s' lets everyone read it; grant named consumer roles instead", [obj.name, prop.name, c.id, prop.classification, r.role])
}
