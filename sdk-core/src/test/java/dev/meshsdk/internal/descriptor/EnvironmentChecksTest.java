package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every server names the environment it serves (or "*"), and for a chosen environment every output port has a
 * server there, so that a mistyped environment never deploys to another environment's store.
 */
class EnvironmentChecksTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local"));

    @TempDir
    Path tmp;

    private static String contract(String id, String servers) {
        return Fixtures.contract(id, "servers:\n" + servers);
    }

    private static String local(String server, String environmentLine) {
        return """
                  - server: %s
                    type: local
                    path: data/%s
                    format: delta
                %s""".formatted(server, server, environmentLine);
    }

    private LoadResult load(String contract) {
        return Fixtures.loadProduct(loader, tmp, contract);
    }

    @Test
    void serverWithoutEnvironmentIsALocatedErrorSayingWhatToWrite() {
        ValidationReport r = load(contract("c", local("dev", "") + local("prod", "    environment: prod\n")))
                .report();
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:7:5 ERROR MESH-ENV");
        Diagnostic d = r.errors().get(0);
        assertThat(d.message()).isEqualTo("Cannot deploy server 'dev' of contract 'c': it names no environment");
        assertThat(d.hint())
                .isEqualTo("add 'environment:' with the environment it serves, e.g. 'environment: dev',"
                        + " or 'environment: \"*\"' (quoted) if it serves every environment");
    }

    @Test
    void standaloneContractWithoutEnvironmentIsOnlyWarned() {
        Path file = Fixtures.folder(tmp, Map.of("c.yaml", contract("c", local("dev", ""))))
                .resolve("c.yaml");
        ValidationReport r = loader.loadDocument(file).report();
        assertThat(where(r, tmp)).containsExactly("c.yaml:7:5 WARNING MESH-ENV");
        assertThat(r.warnings().get(0).message())
                .isEqualTo("Server 'dev' names no environment; a product that uses this contract does not validate");
    }

    @Test
    void aServerWithoutEnvironmentServesNoEnvironmentAndTheWildcardServesEvery() {
        DataContract c = load(contract(
                        "c",
                        local("nowhere", "")
                                + local("everywhere", "    environment: \"*\"\n")
                                + local("dev", "    environment: dev\n")))
                .products()
                .get(0)
                .contracts()
                .get(0)
                .contract();
        assertThat(c.serversFor("dev")).extracting(Server::server).containsExactly("everywhere", "dev");
        assertThat(c.serversFor("stagign")).extracting(Server::server).containsExactly("everywhere");
    }

    @Test
    void wildcardServerValidatesInEveryEnvironment() {
        LoadResult r = load(contract("c", local("everywhere", "    environment: \"*\"\n")));
        assertThat(r.report().diagnostics()).isEmpty();
        assertThat(EnvironmentChecks.check(r.products(), "anything")).isEmpty();
    }

    @Test
    void unquotedWildcardIsExplained() {
        ValidationReport r =
                load(contract("c", local("everywhere", "    environment: *\n"))).report();
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("MESH-YAML");
            assertThat(d.hint())
                    .isEqualTo("a value starting with '*' is a YAML alias; quote it, e.g. 'environment: \"*\"'");
            // not the parser's own words (an escaped line break "found" where an alias name was expected)
            assertThat(d.message()).endsWith("invalid YAML, a bare '*' starts an alias and no alias name follows");
        });
    }

    @Test
    void anUnclosedBracketNamesWhereItWasOpened() {
        ValidationReport r = load(contract(
                        "c", local("dev", "    environment: dev\n    tags: [a, b\n    description: x\n")))
                .report();
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("MESH-YAML");
            assertThat(d.hint()).startsWith("close the '[' opened at line ").contains(" or fix the indentation");
        });
    }

    @Test
    void portWithoutAServerInTheChosenEnvironmentListsTheEnvironmentsThatExist() {
        LoadResult r = load(contract(
                "c",
                local("dev", "    environment: dev\n")
                        + local("staging", "    environment: staging\n")
                        + local("prod", "    environment: prod\n")));
        assertThat(r.report().diagnostics()).isEmpty();
        assertThat(EnvironmentChecks.check(r.products(), "staging")).isEmpty();
        List<Diagnostic> typo = EnvironmentChecks.check(r.products(), "stagign");
        assertThat(where(new ValidationReport(typo), tmp)).containsExactly("p/product.yaml:9:17 ERROR MESH-ENV");
        assertThat(typo.get(0).message())
                .isEqualTo(
                        "Cannot deploy output port 'out' to environment 'stagign': contract 'c' has no server for it");
        assertThat(typo.get(0).hint()).endsWith("; perhaps you meant 'staging'");
    }

    @Test
    void contractWithoutServersNamesWhatToAdd() {
        LoadResult r = load(Fixtures.contract("c", ""));
        assertThat(EnvironmentChecks.check(r.products(), "dev")).singleElement().satisfies(d -> {
            assertThat(d.message()).endsWith("contract 'c' has no servers");
            assertThat(d.hint()).isEqualTo("add a server with 'environment: dev'");
        });
    }

    @Test
    void contractNamingAProductTheProjectDoesNotHaveIsAskedWhetherItMeantItsOwn() {
        Path dir = Fixtures.folder(
                tmp.resolve("orders"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("orders", "c"),
                        "contracts/c.yaml",
                        contract("c", local("dev", "    environment: dev\n"))
                                .replace("status: active\n", "status: active\ndataProduct: ordrs\n")));
        ValidationReport r = loader.load(List.of(dir)).report();
        assertThat(where(r, tmp)).containsExactly("orders/contracts/c.yaml:6:14 ERROR MESH-REF");
        assertThat(r.errors().get(0).format())
                .isEqualTo(dir.resolve("contracts/c.yaml") + ":6:14: error: Cannot use contract 'c' in product"
                        + " 'orders': its dataProduct is 'ordrs', which is no product of the project;"
                        + " perhaps you meant 'orders' [MESH-REF]");
    }

    @Test
    void contractNamingAnotherDataProductIsALocatedError() {
        ValidationReport r = load(contract("c", local("dev", "    environment: dev\n"))
                        .replace("status: active\n", "status: active\ndataProduct: billing\n"))
                .report();
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:6:14 ERROR MESH-REF");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot use contract 'c' in product 'p': its dataProduct is 'billing',"
                        + " which is no product of the project");
        assertThat(r.errors().get(0).hint()).isEqualTo("write 'dataProduct: p'");
    }

    @Test
    void contractNamingAnotherProductOfTheProjectIsToldToMoveThere() {
        Path p = Fixtures.folder(
                tmp.resolve("p"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("p", "c"),
                        "contracts/c.yaml",
                        contract("c", local("dev", "    environment: dev\n"))
                                .replace("status: active\n", "status: active\ndataProduct: billing\n")));
        Path billing = Fixtures.folder(
                tmp.resolve("billing"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("billing", "b"),
                        "contracts/b.yaml",
                        contract("b", local("dev", "    environment: dev\n"))));
        ValidationReport r = loader.load(List.of(p, billing)).report();
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:6:14 ERROR MESH-REF");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot use contract 'c' in product 'p': its dataProduct is 'billing'");
        assertThat(r.errors().get(0).hint())
                .isEqualTo("write 'dataProduct: p', or move the contract to the folder of product 'billing'");
    }

    @Test
    void anEnvironmentNoContractServesIsExplainedOnceAndEachPortStillHasItsError() {
        Path a = Fixtures.folder(
                tmp.resolve("a"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("a", "ca"),
                        "contracts/ca.yaml",
                        contract(
                                "ca",
                                local("dev", "    environment: dev\n") + local("prod", "    environment: prod\n"))));
        Path b = Fixtures.folder(
                tmp.resolve("b"),
                Map.of(
                        "product.yaml",
                        Fixtures.product("b", "cb"),
                        "contracts/cb.yaml",
                        contract("cb", local("staging", "    environment: staging\n"))));
        LoadResult r = loader.load(List.of(a, b));
        assertThat(r.report().diagnostics()).isEmpty();
        List<Diagnostic> typo = EnvironmentChecks.check(r.products(), "stagign");
        assertThat(typo.stream().map(Diagnostic::format))
                .containsExactly(
                        a.resolve("product.yaml") + ":9:17: error: Cannot deploy output port 'out' to environment"
                                + " 'stagign': contract 'ca' has no server for it; the environment 'stagign' being"
                                + " validated (-Dmesh.environment, or <environment> in the POM) is served by no"
                                + " contract of the project, whose contracts serve 'dev', 'prod', 'staging';"
                                + " perhaps you meant 'staging' [MESH-ENV]",
                        b.resolve("product.yaml") + ":9:17: error: Cannot deploy output port 'out' to environment"
                                + " 'stagign': contract 'cb' has no server for it; no contract of the project serves"
                                + " 'stagign' [MESH-ENV]");
        assertThat(EnvironmentChecks.check(r.products(), "qa").get(0).hint())
                .endsWith("whose contracts serve 'dev', 'prod', 'staging'; choose one of them, or add a server"
                        + " with 'environment: qa' to each contract");
        // an environment another contract serves: this contract lacks a server there
        assertThat(EnvironmentChecks.check(r.products(), "prod"))
                .singleElement()
                .satisfies(d -> assertThat(d.hint())
                        .isEqualTo("its servers serve 'staging'; add a server with 'environment: prod'"));
    }
}
