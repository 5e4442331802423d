# Consumers are never broken in place: a change that existing readers of a port would notice
# (one the storage adapter refuses, or a column that becomes required or changes type) needs a
# new major contract version, which is provisioned beside the old one. Judged on the plan
# (event "plan"), where the storage adapter's planned changes are known. The denial says who is
# affected, from the port's usage (input.plan.ports[].usage).
#
# A platform may allow dropping a column nobody read in 90 days: with the policy data
# mesh.breaking.allowUnreadColumnDrops set to true, such a drop is a warning instead of a denial,
# but only when usage was collected on each of those 90 days (usage.columns[c].last90.complete).
# Where every read of those 90 days told its columns (usage.columns[c].known), a column's usage is its own, so
# a column nobody read may be dropped while its port is read; otherwise a column's usage is its port's.
# Where the allowance is set but does not apply, the denial says why (allowance_note).
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
	not unread_drop(p, c)
}

# A dropped column nobody read in the last 90 days, while usage was collected on each of them.
unread_drop(p, c) if {
	data.mesh.breaking.allowUnreadColumnDrops == true
	is_string(c.droppedColumn)
	u := p.usage.columns[c.droppedColumn]
	u.last90.complete == true
	u.last90.reads == 0
}

# Why mesh.breaking.allowUnreadColumnDrops does not let a refused drop through, for the denial; "" when the
# allowance is not set or the change drops no column (droppedColumn is null for a refused change of type: a null
# is true in Rego, so the test is is_string).
allowance_note(p, c) := sprintf("; mesh.breaking.allowUnreadColumnDrops does not apply: %s", [not_unread(p, c.droppedColumn)]) if {
	data.mesh.breaking.allowUnreadColumnDrops == true
	c.kind == "refused"
	is_string(c.droppedColumn)
	not unread_drop(p, c)
} else := ""

# Why a column cannot be called unread in the last 90 days: read (by whom, last read), reads that did not tell their
# columns, or collections that did not cover the 90 days.
not_unread(p, column) := sprintf("column '%s' was read in the last 90 days by %s%s", [column, readers_of(u.last90), last_read_of(u)]) if {
	u := p.usage.columns[column]
	u.known == true
	u.last90.reads > 0
} else := sprintf("the port was read in the last 90 days and not every read told its columns, so nobody can tell that column '%s' is unread", [column]) if {
	u := p.usage.columns[column]
	u.known == false
	u.last90.reads > 0
} else := sprintf("usage was collected on %d of the last 90 days, not on each of them, so nobody can tell that column '%s' is unread", [u.last90.observedDays, column]) if {
	u := p.usage.columns[column]
	u.last90.observedDays > 0
} else := sprintf("no usage was collected on the port, so nobody can tell that column '%s' is unread; run mesh:usage-collect daily", [column])

readers_of(w) := concat(", ", w.readers) if {
	count(w.readers) > 0
} else := "readers the store does not name"

last_read_of(u) := sprintf("; last read %s", [u.lastRead]) if {
	u.lastRead != null
} else := ""

breaks contains [p, c.reason, c, null] if {
	some p in same_major
	some c in p.changes
	c.kind == "refused"
	not startswith(c.reason, "column '")
	not unread_drop(p, c)
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

# Columns the plan may drop: the engine plans a drop_column in place of the refusal.
allow_column_drop contains {"port": p.port, "table": c.target, "column": c.droppedColumn, "msg": "nobody read it in 90 days"} if {
	some p in same_major
	some c in p.changes
	c.kind == "refused"
	unread_drop(p, c)
}

# Who a change affects, in the SDK's words ("3 readers in the last 30 days: ..."); for a change of one column whose
# reads are known, that column's readers first ("column 'coupon': 1 reader in the last 30 days: bi; port: ...").
affected(p) := object.get(p, ["usage", "summary"], "no usage collected")

affected_by(p, column) := object.get(p, ["usage", "columns", column, "summary"], affected(p))

# A port nobody is known to depend on: no product of the registry consumes it (plan.ports[].consumers; an input
# without the field tells nothing) and no read was recorded in the last 90 days. A change is still breaking then:
# the contract's version promises its schema.
no_known_consumer(p) if {
	count(p.consumers) == 0
	object.get(p, ["usage", "last90", "reads"], 0) == 0
}

breaks_what(p) := "breaks its contract" if {
	no_known_consumer(p)
} else := "would break its consumers"

# The products that consume the port, with their teams: "; consumer products: 'churn' (team data-science)".
consumers_note(p) := sprintf("; consumer products: %s", [concat(", ", [consumer_name(c) | some c in p.consumers])]) if {
	count(object.get(p, "consumers", [])) > 0
} else := ""

consumer_name(c) := sprintf("'%s' (team %s)", [c.product, c.team]) if {
	c.team != null
} else := sprintf("'%s'", [c.product])

no_consumer_note(p) := "; no consumer is known (no product of the registry consumes the port), but the change still breaks the contract under the same major version, which any reader may rely on" if {
	no_known_consumer(p)
} else := ""

deny contains {"msg": msg, "details": {"port": p.port, "contractId": p.contractId, "target": c.target, "column": column}} if {
	some b in breaks
	[p, why, c, column] := b
	msg := sprintf("output port '%s' %s (%s) under contract '%s' %s, deployed as %s; affected: %s%s%s%s; raise the contract's major version (to %d.0.0) so the new version is provisioned beside the old one", [p.port, breaks_what(p), why, p.contractId, p.contractVersion, p.deployedContractVersion, affected_by(p, column), consumers_note(p), allowance_note(p, c), no_consumer_note(p), major(p.deployedContractVersion) + 1])
}

warn contains msg if {
	some p in same_major
	some c in p.changes
	c.kind == "refused"
	unread_drop(p, c)
	msg := sprintf("output port '%s' drops column '%s' under contract '%s' %s without a new major version: nobody read it in the last 90 days, so the policies allow it (mesh.breaking.allowUnreadColumnDrops) and the deploy drops it with its data", [p.port, c.droppedColumn, p.contractId, p.contractVersion])
}
