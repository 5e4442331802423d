package acme.naming

# product ids are lower-case words joined by hyphens
deny contains msg if {
	not regex.match(`^[a-z]+(-[a-z]+)*$`, input.product.id)
	msg := sprintf("product id '%s' is not lower-case words joined by hyphens", [input.product.id])
}

test_accepts_hyphenated_ids if {
	count(deny) == 0 with input as {"product": {"id": "daily-revenue"}}
}

test_rejects_underscores if {
	count(deny) == 0 with input as {"product": {"id": "daily_revenue"}}
}
