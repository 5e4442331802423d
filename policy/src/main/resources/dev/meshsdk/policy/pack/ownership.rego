# Every data product has an owning team and says what it is for.
# Each denial's details.pointer is the place in product.yaml it is about (the team, or the id when there is
# none), so the SDK reports it at that line with this policy's file and line in the hint.
package mesh.governance.ownership

import rego.v1

deny contains {"msg": msg, "details": {"pointer": at(input.product, "team")}} if {
	not input.product.team.name
	msg := sprintf("product '%s' has no owning team; %s", [input.product.id, team_fix(input.product)])
}

deny contains {"msg": msg, "details": {"pointer": at(input.product, "description")}} if {
	not input.product.description.purpose
	msg := sprintf("product '%s' has no description; add description.purpose to product.yaml", [input.product.id])
}

# "/<field>" when the product has the field, else "/id".
at(product, field) := concat("", ["/", field]) if {
	product[field] != null
} else := "/id"

# ODPS v0.9.0 writes the team as a list of members, with no field for the team's name.
team_fix(product) := "ODPS v0.9.0 has no team name: run mesh:upgrade to move product.yaml to v1.0.0, then add team.name" if {
	product.apiVersion == "v0.9.0"
} else := "add team.name to product.yaml"
