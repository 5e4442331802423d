package dev.meshsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.PortState;
import dev.meshsdk.spi.AccessGrant;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.storage.ErasureRequest;
import dev.meshsdk.spi.storage.ErasureResult;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import dev.meshsdk.spi.storage.SupportsDropTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link dev.meshsdk.spi.storage.StorageAdapter} must have. Extend it in the adapter's
 * tests and implement the abstract methods; every test then runs against the real store.
 *
 * <p>The suite deploys the standard {@link Fixtures} contract ({@code orders}: {@code id bigint required},
 * {@code name string}, {@code amount decimal(12,2)}), then evolves it with {@link Fixtures#withProperty},
 * {@link Fixtures#withoutProperty} and {@link Fixtures#withAccess}, always keeping the same home.
 *
 * <p>Each test creates one adapter with {@link #factory()} and {@link #context()} and closes it afterwards.
 */
public abstract class StorageAdapterContract {

    /** The adapter under test, created before each test. */
    protected StorageAdapter adapter;
    /** The binding of the standard contract to this test's fresh home. */
    protected PortBinding binding;

    /**
     * The factory under test. Called once per test, before {@link #context()}. Its {@code serverTypes()}
     * must include the type of the server {@link #freshBinding} uses.
     */
    protected abstract StorageAdapterFactory factory();

    /**
     * The context the adapter is created with (environment {@code dev}, base directory, settings, secrets,
     * metrics). Called once per test, after {@link #factory()}.
     */
    protected abstract AdapterContext context();

    /**
     * A binding of {@code contract} (the standard fixture contract, version 1.0.0) to a fresh, empty home
     * that no other test uses: a new temporary folder, a new database schema, a new bucket prefix. Called
     * once per test, before the adapter is created. Typically
     * {@code Fixtures.binding(contract, Fixtures.server("test", "mytype", Map.of(...)))}. The suite evolves
     * the returned binding with {@link Fixtures#withContract} and {@link Fixtures#withAccess}, so the
     * product, port, server and environment must identify the home.
     */
    protected abstract PortBinding freshBinding(DataContract contract);

    /**
     * Whether the adapter plans {@link Change.Grant} and {@link Change.Revoke} for the binding's access
     * list. When false, the access test asserts that plans hold no grants at all.
     */
    protected boolean supportsAccessControl() {
        return true;
    }

    /**
     * Two grants to different principals that the store accepts (existing roles, for a database). Called
     * by the access test. The default is {@code mesh_reader} read and {@code mesh_writer} write.
     */
    protected List<AccessGrant> grants() {
        return List.of(new AccessGrant("mesh_reader", "read"), new AccessGrant("mesh_writer", "write"));
    }

    /**
     * Whether the adapter erases data subjects ({@link StorageAdapter#erase}). When false, the erasure test
     * asserts that erase fails with {@code UNSUPPORTED} and a message naming the port. Default false.
     */
    protected boolean supportsErasure() {
        return false;
    }

    /**
     * Whether the adapter drops a column the contract no longer has when the policies allow it: its refusal names the
     * column ({@link Change.Refused#droppedColumn()}) and it applies {@link Change.DropColumn}. When false, the test
     * asserts that no refusal names a column, so that the engine never plans a drop the adapter cannot apply.
     * Default false.
     */
    protected boolean dropsColumns() {
        return false;
    }

    /**
     * Puts rows into the standard table of a deployed binding ({@code id bigint} (the subject key and primary
     * key), {@code name}, {@code amount} as a decimal text), as the store's own writers would. Called by the erasure test only when
     * {@link #supportsErasure()}; the default fails, saying to implement it.
     */
    protected void insertRows(PortBinding b, List<Object[]> rows) {
        throw new UnsupportedOperationException("Cannot test erasure: override insertRows to put rows into the store");
    }

    /** How many rows of the standard table of {@code b} have this {@code id}; used with {@link #insertRows}. */
    protected long countRows(PortBinding b, long id) {
        throw new UnsupportedOperationException("Cannot test erasure: override countRows to read the store");
    }

    /**
     * Removes the port's home from under the adapter, as a person or another tool would by hand: the table and its
     * folder, database schema or bucket prefix. Called by the stale-plan test after a deploy and a plan, before the
     * plan is applied. The default fails, saying to implement it.
     */
    protected void removeHome(PortBinding b) {
        throw new UnsupportedOperationException(
                "Cannot test a home that vanished: override removeHome to delete the" + " port's home from the store");
    }

    @BeforeEach
    void createAdapter() {
        StorageAdapterFactory factory = factory();
        AdapterContext context = context();
        binding = freshBinding(Fixtures.ordersContract());
        assertThat(factory.serverTypes())
                .as("server types of factory '%s'", factory.name())
                .contains(binding.server().type());
        adapter = factory.create(context);
    }

    @AfterEach
    void closeAdapter() {
        if (adapter != null) adapter.close();
    }

    /** Plans {@code b} against what is there, checks nothing is refused, applies every change, returns them. */
    protected List<Change> deploy(PortBinding b) {
        List<Change> changes = adapter.plan(b, adapter.inspect(b));
        assertThat(changes)
                .as("changes planned for %s", b.contract().version())
                .noneMatch(c -> c instanceof Change.Refused);
        for (Change c : changes) adapter.apply(b, c);
        return changes;
    }

    /** The plan of {@code b} against what is there now. */
    protected List<Change> planNow(PortBinding b) {
        return adapter.plan(b, adapter.inspect(b));
    }

    @Test
    void inspectOfNewHomeIsAbsent() {
        PortState state = adapter.inspect(binding);

        assertThat(state.exists()).as("exists").isFalse();
    }

    @Test
    void planOnAbsentHomeCreatesAndRefusesNothing() {
        List<Change> changes = adapter.plan(binding, adapter.inspect(binding));

        assertThat(changes).hasAtLeastOneElementOfType(Change.CreateTable.class);
        assertThat(changes).noneMatch(c -> c instanceof Change.Refused);
        Change.CreateTable create = changes.stream()
                .filter(c -> c instanceof Change.CreateTable)
                .map(c -> (Change.CreateTable) c)
                .findFirst()
                .orElseThrow();
        assertThat(create.columns()).extracting(dev.meshsdk.plan.Column::name).containsExactly("id", "name", "amount");
        assertThat(create.columns().get(0).nullable())
                .as("id (required) nullable")
                .isFalse();
        assertThat(create.columns().get(1).nullable()).as("name nullable").isTrue();
    }

    @Test
    void secondDeployChangesNothing() {
        deploy(binding);
        PortState first = adapter.inspect(binding);

        List<Change> again = adapter.plan(binding, first);

        assertThat(first.exists()).isTrue();
        assertThat(again).as("plan after a deploy").isEmpty();
        assertThat(adapter.inspect(binding).fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void applyingTheSameChangeTwiceIsHarmless() {
        List<Change> changes = planNow(binding);
        for (Change c : changes) {
            adapter.apply(binding, c);
            adapter.apply(binding, c);
        }
        PortState state = adapter.inspect(binding);
        for (Change c : changes) adapter.apply(binding, c);

        assertThat(adapter.plan(binding, adapter.inspect(binding))).isEmpty();
        assertThat(adapter.inspect(binding).fingerprint()).isEqualTo(state.fingerprint());
    }

    @Test
    void addingANullablePropertyPlansAnAdditiveChangeThatApplies() {
        deploy(binding);
        DataContract evolved = Fixtures.withVersion(
                Fixtures.withProperty(
                        binding.contract(),
                        Fixtures.OBJECT_NAME,
                        Fixtures.property("note", "string", null, false, "A free note", null)),
                "1.1.0");
        PortBinding next = Fixtures.withContract(binding, evolved);

        List<Change> changes = planNow(next);

        assertThat(changes).noneMatch(c -> c instanceof Change.Refused);
        assertThat(changes)
                .filteredOn(c -> c instanceof Change.AddColumn)
                .extracting(c -> ((Change.AddColumn) c).column().name())
                .containsExactly("note");
        for (Change c : changes) adapter.apply(next, c);
        assertThat(planNow(next)).as("plan after adding the column").isEmpty();
    }

    @Test
    void removingAPropertyWithoutAMajorVersionIsRefusedWithAHint() {
        deploy(binding);
        DataContract evolved = Fixtures.withVersion(
                Fixtures.withoutProperty(binding.contract(), Fixtures.OBJECT_NAME, "name"), "1.1.0");

        List<Change> changes = planNow(Fixtures.withContract(binding, evolved));

        assertRefusedWithHint(changes);
    }

    /**
     * A column the contract drops is refused naming it; the {@link Change.DropColumn} the engine plans in its place
     * when the policies allow it drops it (applied with the plan's other changes, as the engine does), keeps the rows,
     * applies twice harmlessly, and the next plan is empty.
     */
    @Test
    void aDroppedColumnIsRefusedNamingItAndItsDropAppliesOnce() {
        deploy(binding);
        if (supportsErasure())
            insertRows(binding, List.of(new Object[] {1L, "Ann", "1.00"}, new Object[] {2L, "Bob", "2.00"}));
        PortBinding next = Fixtures.withContract(
                binding,
                Fixtures.withVersion(
                        Fixtures.withoutProperty(binding.contract(), Fixtures.OBJECT_NAME, "name"), "1.1.0"));

        List<Change> planned = planNow(next);
        List<Change.Refused> refused = planned.stream()
                .filter(c -> c instanceof Change.Refused)
                .map(c -> (Change.Refused) c)
                .toList();

        if (!dropsColumns()) {
            assertThat(refused)
                    .as("refusals of an adapter that does not drop columns")
                    .allSatisfy(r -> assertThat(r.droppedColumn()).isNull());
            return;
        }
        assertThat(refused).singleElement().satisfies(r -> assertThat(r.droppedColumn())
                .isEqualToIgnoringCase("name"));
        Change drop =
                new Change.DropColumn(refused.get(0).target(), refused.get(0).droppedColumn(), "a test");
        for (Change c : planned) adapter.apply(next, c instanceof Change.Refused ? drop : c);
        adapter.apply(next, drop);
        assertThat(planNow(next)).as("plan after dropping the column").isEmpty();
        if (supportsErasure()) {
            assertThat(countRows(next, 1)).isEqualTo(1);
            assertThat(countRows(next, 2)).isEqualTo(1);
        }
    }

    @Test
    void narrowingATypeWithoutAMajorVersionIsRefusedWithAHint() {
        deploy(binding);
        DataContract c = binding.contract();
        DataContract evolved = Fixtures.withVersion(
                Fixtures.withProperty(
                        c,
                        Fixtures.OBJECT_NAME,
                        Fixtures.withType(Fixtures.propertyOf(c, Fixtures.OBJECT_NAME, "id"), "integer", "int")),
                "1.1.0");

        List<Change> changes = planNow(Fixtures.withContract(binding, evolved));

        assertRefusedWithHint(changes);
    }

    private static void assertRefusedWithHint(List<Change> changes) {
        assertThat(changes).hasAtLeastOneElementOfType(Change.Refused.class);
        assertThat(changes).filteredOn(ch -> ch instanceof Change.Refused).allSatisfy(ch -> assertThat(
                        ((Change.Refused) ch).hint())
                .as("hint of %s", ch.summary())
                .isNotBlank());
    }

    @Test
    void planHasNoSideEffects() {
        PortState before = adapter.inspect(binding);
        adapter.plan(binding, before);
        assertThat(adapter.inspect(binding)).as("absent home after a plan").isEqualTo(before);

        deploy(binding);
        PortBinding next = Fixtures.withAccess(
                Fixtures.withContract(
                        binding,
                        Fixtures.withVersion(
                                Fixtures.withProperty(
                                        binding.contract(), Fixtures.OBJECT_NAME, Fixtures.property("note", "string")),
                                "1.1.0")),
                grants());
        PortState deployed = adapter.inspect(next);
        List<Change> changes = adapter.plan(next, deployed);

        assertThat(changes).isNotEmpty();
        assertThat(adapter.inspect(next).fingerprint()).isEqualTo(deployed.fingerprint());
    }

    @Test
    void fingerprintChangesAfterApply() {
        String absent = adapter.inspect(binding).fingerprint();
        deploy(binding);
        String created = adapter.inspect(binding).fingerprint();
        deploy(Fixtures.withContract(
                binding,
                Fixtures.withProperty(binding.contract(), Fixtures.OBJECT_NAME, Fixtures.property("note", "string"))));
        String evolved = adapter.inspect(binding).fingerprint();

        assertThat(created).isNotEqualTo(absent);
        assertThat(evolved).isNotEqualTo(created);
    }

    @Test
    void grantsArePlannedAndARemovedGrantIsRevoked() {
        List<AccessGrant> grants = grants();
        PortBinding withAccess = Fixtures.withAccess(binding, grants);

        List<Change> first = planNow(withAccess);

        if (!supportsAccessControl()) {
            assertThat(first).noneMatch(c -> c instanceof Change.Grant || c instanceof Change.Revoke);
            return;
        }
        assertThat(first)
                .filteredOn(c -> c instanceof Change.Grant)
                .extracting(c -> new AccessGrant(((Change.Grant) c).principal(), ((Change.Grant) c).privilege()))
                .containsAll(grants);
        for (Change c : first) adapter.apply(withAccess, c);
        assertThat(planNow(withAccess)).as("plan after granting").isEmpty();

        AccessGrant kept = grants.get(0);
        AccessGrant removed = grants.get(1);
        PortBinding fewer = Fixtures.withAccess(binding, List.of(kept));
        List<Change> second = planNow(fewer);

        assertThat(second).noneMatch(c -> c instanceof Change.Grant);
        assertThat(second)
                .filteredOn(c -> c instanceof Change.Revoke)
                .extracting(c -> new AccessGrant(((Change.Revoke) c).principal(), ((Change.Revoke) c).privilege()))
                .contains(removed)
                .doesNotContain(kept);
        List<Change> applied = new ArrayList<>(second);
        for (Change c : applied) adapter.apply(fewer, c);
        assertThat(planNow(fewer)).as("plan after revoking").isEmpty();
    }

    @Test
    void eraseDeletesOnlyTheSubjectsRowsAndReportsEachTable() {
        deploy(binding);
        if (!supportsErasure()) {
            MeshException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    MeshException.class, () -> adapter.erase(binding, new ErasureRequest("req-1", "1", "dpo")));
            assertThat(e).as("erase of an adapter that does not support it").isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
            assertThat(e.getMessage())
                    .as("the uniform message of an optional ability")
                    .contains("port '" + binding.port().name() + "'", "does not support erasure");
            return;
        }
        insertRows(binding, List.of(new Object[] {1L, "Ann", "1.00"}, new Object[] {2L, "Bob", "2.00"}, new Object[] {
            3L, "Cy", "3.00"
        }));
        ErasureRequest request = new ErasureRequest("req-1", "1", "dpo", "default", false);

        ErasureResult first = adapter.erase(binding, request);
        ErasureResult second = adapter.erase(binding, new ErasureRequest("req-2", "1", "dpo", "default", false));

        assertThat(first.rowsDeleted()).isEqualTo(1);
        assertThat(first.tables()).singleElement().satisfies(t -> {
            assertThat(t.column()).isEqualTo("id");
            assertThat(t.rowsDeleted()).isEqualTo(1);
            assertThat(first.target()).contains(t.table());
        });
        assertThat(second.rowsDeleted()).as("a second erasure").isZero();
        assertThat(countRows(binding, 1)).isZero();
        assertThat(countRows(binding, 2)).as("another subject's rows").isEqualTo(1);
        assertThat(adapter.erase(binding, new ErasureRequest("req-3", "2' OR '1'='1", "dpo"))
                        .rowsDeleted())
                .as("a value that is no bigint can be no row's id")
                .isZero();
        assertThat(countRows(binding, 2)).isEqualTo(1);
        MeshException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                MeshException.class,
                () -> adapter.erase(binding, new ErasureRequest("req-4", "2", "dpo", "employee", false)));
        assertThat(e).as("a subject type the contract does not mark").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.getMessage()).contains("subjectKey: employee");
        assertThat(countRows(binding, 2)).isEqualTo(1);
    }

    /**
     * A plan computed against a home that is gone when it is applied (dropped by hand between plan and deploy) is
     * refused with {@code STALE_PLAN}, the code that tells the user to plan again, never as a store failure; and the
     * refused change creates nothing.
     */
    @Test
    void aHomeThatVanishedBeforeApplyIsAStalePlan() {
        PortBinding b = supportsAccessControl() ? Fixtures.withAccess(binding, grants()) : binding;
        deploy(b);
        PortBinding next = Fixtures.withContract(
                b,
                Fixtures.withVersion(
                        Fixtures.withProperty(b.contract(), Fixtures.OBJECT_NAME, Fixtures.property("note", "string")),
                        "1.1.0"));
        List<Change> changes = planNow(next);
        assertThat(changes).as("plan of an added column").hasAtLeastOneElementOfType(Change.AddColumn.class);

        removeHome(b);
        for (Change c : changes) {
            MeshException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    MeshException.class, () -> adapter.apply(next, c));
            assertThat(e)
                    .as("applying '%s' to a home that vanished", c.summary())
                    .isNotNull();
            assertThat(e.code()).as("code of: %s", e.getMessage()).isEqualTo(ErrorCode.STALE_PLAN);
        }

        // not inspect(next).exists(): an s3 port's home keeps its bucket governance; what must not come back is the
        // table, which planning again therefore creates afresh
        assertThat(planNow(next))
                .as("plan after the refused changes")
                .hasAtLeastOneElementOfType(Change.CreateTable.class);
    }

    /**
     * A new major version of the contract may break what the old one promised (here it drops a column): it is
     * planned as a table of its own beside the old one, with nothing refused, and deploying it leaves the old
     * version's table as it was for the consumers that still read it.
     */
    @Test
    void aNewMajorVersionIsPlannedBesideTheOldOne() {
        List<String> v1Targets = deploy(binding).stream()
                .filter(c -> c instanceof Change.CreateTable)
                .map(Change::target)
                .toList();
        PortBinding v2 = Fixtures.withContract(
                binding,
                Fixtures.withVersion(
                        Fixtures.withoutProperty(binding.contract(), Fixtures.OBJECT_NAME, "name"), "2.0.0"));

        List<Change> changes = planNow(v2);

        assertThat(changes).noneMatch(c -> c instanceof Change.Refused);
        assertThat(changes)
                .filteredOn(c -> c instanceof Change.CreateTable)
                .as("v2 planned as a new table")
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.target()).as("v2's table").isNotIn(v1Targets);
                    assertThat(((Change.CreateTable) c).columns())
                            .extracting(dev.meshsdk.plan.Column::name)
                            .containsExactly("id", "amount");
                });
        assertThat(changes).as("v2 changes nothing of v1's table").allMatch(c -> !v1Targets.contains(c.target()));
        for (Change c : changes) adapter.apply(v2, c);
        assertThat(planNow(v2)).as("plan of v2 after its deploy").isEmpty();
        assertThat(planNow(binding))
                .as("plan of v1 after v2 was deployed beside it")
                .isEmpty();
    }

    /**
     * An adapter that {@link SupportsDropTable} lists a port version's existing tables, drops exactly the one named
     * (with the SDK's grants on it, and idempotently), leaves the port's other major version alone, and refuses a
     * table that is not the port version's. An adapter without the ability has nothing to test here.
     */
    @Test
    void dropTableDropsOnlyTheRetiredVersionsTableAndItsGrants() {
        if (!(adapter instanceof SupportsDropTable drops)) return;
        List<AccessGrant> grants = supportsAccessControl() ? grants() : List.of();
        PortBinding v1 = Fixtures.withAccess(binding, grants);
        PortBinding v2 = Fixtures.withContract(v1, Fixtures.withVersion(binding.contract(), "2.0.0"));
        assertThat(drops.tables(v1)).as("tables of a port never deployed").isEmpty();
        deploy(v1);
        deploy(v2);
        List<String> tables = drops.tables(v1);
        assertThat(tables).as("tables of v1").hasSize(1);
        assertThat(drops.tables(v2)).as("tables of v2").hasSize(1).doesNotContainAnyElementsOf(tables);

        MeshException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                MeshException.class, () -> drops.dropTable(v1, drops.tables(v2).get(0)));
        assertThat(refused).as("dropping v2's table through v1's binding").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(drops.tables(v2)).as("v2 after the refused drop").hasSize(1);

        drops.dropTable(v1, tables.get(0));
        drops.dropTable(v1, tables.get(0));

        assertThat(drops.tables(v1)).as("tables of v1 after the drop").isEmpty();
        // not inspect(v1).exists(): the port's home may stay, v2 shares it (an s3 port's ownership tags); what must
        // go is v1's table, which the listing above no longer shows and the plan below creates afresh
        assertThat(planNow(v2)).as("plan of v2 after v1 was dropped").isEmpty();
        List<Change> again = planNow(v1);
        assertThat(again)
                .as("v1 planned again")
                .hasAtLeastOneElementOfType(Change.CreateTable.class)
                .noneMatch(c -> c instanceof Change.Revoke);
        assertThat(again)
                .filteredOn(c -> c instanceof Change.Grant)
                .as("grants planned afresh")
                .hasSize(grants.size());
    }
}
