# Output ports live in the owning team's own buckets and databases ("bring your own bucket"). The
# platform team registers them as data: mesh.teams.<team>.buckets and mesh.teams.<team>.databases.
# Each finding's details name the contract and the server, so the SDK reports it at that server's entry.
package mesh.governance.locations

import rego.v1

remote_types := {"s3", "postgres", "postgresql", "redshift"}

deny contains {"msg": msg, "details": {"contractId": c.id, "server": s.server}} if {
	some c in input.contracts
	some s in c.servers
	s.type == "s3"
	owned := data.mesh.teams[input.product.team.name].buckets
	bucket := split(trim_prefix(s.location, "s3://"), "/")[0]
	not bucket in owned
	msg := sprintf("server '%s' of contract '%s' is in bucket '%s', which team '%s' does not own; use one of %v", [s.server, c.id, bucket, input.product.team.name, owned])
}

deny contains {"msg": msg, "details": {"contractId": c.id, "server": s.server}} if {
	some c in input.contracts
	some s in c.servers
	s.type in {"postgres", "postgresql", "redshift"}
	owned := data.mesh.teams[input.product.team.name].databases
	not s.database in owned
	msg := sprintf("server '%s' of contract '%s' is in database '%s', which team '%s' does not own; use one of %v", [s.server, c.id, s.database, input.product.team.name, owned])
}

warn contains {"msg": msg, "details": {"contractId": c.id, "server": s.server}} if {
	some c in input.contracts
	some s in c.servers
	s.type in remote_types
	team := input.product.team.name
	not data.mesh.teams[team]
	msg := sprintf("team '%s' has no registered buckets or databases, so the location of server '%s' is not checked; register them under mesh.teams in the policy data", [team, s.server])
}
