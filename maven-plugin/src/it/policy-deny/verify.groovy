// The governance pack denies a product without an owning team and a personal-data column whose contract sets no
// retention limit, and a project policy test that fails fails the build: the team's denial at the product's line, the
// column's at its entry in the contract (the rule and its policy file in the hint), the failing test at the policy's
// file and line.
def lines = new File(basedir, 'build.log').getText('UTF-8').readLines()
def expect = { String line -> assert lines.contains(line) : "build.log has no line: " + line }
def expectError = { String line ->
    assert lines.contains('[ERROR] ' + line) || lines.contains('[ERROR] ' + line + ' -> [Help 1]') : "build.log has no line: [ERROR] " + line
}
def file = { String path -> basedir.toPath().resolve(path).toAbsolutePath().normalize().toString() }

expect '[INFO] BUILD FAILURE'
assert lines.any { it.contains('Cannot validate 1 data product(s): 3 error(s)') } : 'no summary line'
// located at the product's id (it has no team), the pack's rule in the hint
expectError file('src/main/mesh/orders/product.yaml') + ":3:5: error: Cannot accept product 'orders': product 'orders' has no owning team; add team.name to product.yaml; policy rule 'mesh.governance.ownership.deny' (governance-pack/ownership.rego:8:1) [MESH-POLICY]"
// located at the column's entry in the contract ('- name: customer_id'), not at the policy's line; the hint names the
// rule, its policy file and the line of the 'deny' definition that produced it (the pack's retention rule, found in
// the pack's source: the line of the 'deny contains' above 'not has_retention(c)')
def pack = new File(basedir, '../../../../policy/src/main/resources/dev/meshsdk/policy/pack/personal_data.rego')
        .getText('UTF-8').readLines()
int rule = pack.findIndexOf { it.contains('not has_retention(c)') }
while (rule > 0 && !pack[rule].startsWith('deny contains')) rule--
assert rule > 0 : 'no retention rule in personal_data.rego'
expectError file('src/main/mesh/orders/contracts/orders.yaml') + ":45:9: error: Cannot accept product 'orders': column 'orders.customer_id' of contract 'sales-orders' holds personal data but the contract sets no retention limit; add a slaProperties entry with property 'retention'; policy rule 'mesh.governance.personal_data.deny' (governance-pack/personal_data.rego:" + (rule + 1) + ":1) [MESH-POLICY]"
assert !lines.any { it.startsWith('[ERROR] governance-pack/') } : 'a denial located at the policy file'
expectError file('src/main/mesh/policies/naming.rego') + ":13:1: error: policy test 'test_rejects_underscores' failed (undefined); policy rule 'acme.naming.test_rejects_underscores': make the test true, or fix the policy it tests [MESH-POLICY]"
assert !lines.any { it.contains('test_accepts_hyphenated_ids') } : 'a passing test was reported'
