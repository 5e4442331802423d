# Consumers are never broken in place: a change that existing readers of a port would notice
# (one the storage adapter refuses, or a column that becomes required or changes type) needs a
# new major contract version, which is provisioned beside the old one. Judged on the plan
# (event "plan"), where the storage adapter's planned changes are known.
package mesh.governance.breaking

import rego.v1

# Ports already deployed whose contract keeps its major version.
same_major contains p if {
	input.event == "plan"
	some p in input.plan.ports
	p.deployedContractVersion != null
	major(p.contractVersion) <= major(p.deployedContractVersion)
}

# Each break is [port, why, change, column]; column (null when none is named) lets the SDK point at the contract's column.
# A refused change whose reason starts with "column '<name>'" names that column.
breaks contains [p, c.reason, c, split(c.reason, "'")[1]] if {
	some p in same_major
	some c in p.changes
	c.kind == "refused"
	startswith(c.reason, "column '")
}

breaks contains [p, c.reason, c, null] if {
	some p in same_major
	some c in p.changes
	c.kind == "refused"
	not startswith(c.reason, "column '")
}

breaks contains [p, sprintf("column '%s' becomes required", [c.to.name]), c, c.to.name] if {
	some p in same_major
	some c in p.changes
	c.kind == "alter_column"
	c.from.nullable
	not c.to.nullable
}

breaks contains [p, sprintf("column '%s' changes type from %s to %s", [c.to.name, c.from.type, c.to.type]), c, c.to.name] if {
	some p in same_major
	some c in p.changes
	c.kind == "alter_column"
	c.from.type != c.to.type
	not widening(c.from.type, c.to.type)
}

# Changes of type a store makes in place without breaking readers.
widening(from, to) if {
	regex.match(`^varchar\(\d+\)$`, from)
	to in {"text", "varchar", "string"}
}

widening(from, to) if {
	regex.match(`^varchar\(\d+\)$`, from)
	regex.match(`^varchar\(\d+\)$`, to)
	length(to) > length(from)
}

widening(from, to) if {
	regex.match(`^varchar\(\d+\)$`, from)
	regex.match(`^varchar\(\d+\)$`, to)
	length(to) == length(from)
	to >= from
}

widening(from, to) if {
	[from, to] in {
		["smallint", "integer"], ["smallint", "bigint"], ["integer", "bigint"], ["int", "bigint"],
		["short", "integer"], ["short", "long"], ["integer", "long"], ["int", "long"],
		["real", "double precision"], ["float", "double"],
	}
}

length(s) := count(s)

major(v) := to_number(split(v, ".")[0])

deny contains {"msg": msg, "details": {"port": p.port, "contractId": p.contractId, "target": c.target, "column": column}} if {
	some b in breaks
	[p, why, c, column] := b
	msg := sprintf("output port '%s' would break its consumers (%s) under contract '%s' %s, deployed as %s; raise the contract's major version (to %d.0.0) so the new version is provisioned beside the old one", [p.port, why, p.contractId, p.contractVersion, p.deployedContractVersion, major(p.deployedContractVersion) + 1])
}
