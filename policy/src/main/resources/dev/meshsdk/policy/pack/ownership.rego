# Every data product has an owning team and says what it is for.
package mesh.governance.ownership

import rego.v1

deny contains msg if {
	not input.product.team.name
	msg := sprintf("product '%s' has no owning team; add team.name to product.yaml", [input.product.id])
}

deny contains msg if {
	not input.product.description.purpose
	msg := sprintf("product '%s' has no description; add description.purpose to product.yaml", [input.product.id])
}
