package dev.meshsdk.catalog.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Lineage;
import dev.meshsdk.spi.registry.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageLayoutTest {

    private static CatalogEntry product(String id) {
        return new CatalogEntry(id, "dev", null, null, "active", null, null, null, null, null, null, null, null, null);
    }

    private static Lineage.Edge edge(String producer, String consumer) {
        return new Lineage.Edge(consumer, "in", producer, "out", producer, 1);
    }

    private static SiteModel model(List<String> ids, List<Lineage.Edge> edges) {
        return new SiteModel(
                SiteData.of("dev", ids.stream().map(LineageLayoutTest::product).toList(), edges));
    }

    @Test
    void placesEachProductOneColumnRightOfItsFurthestProducer() {
        // a -> b -> c, a -> c, d alone
        SiteModel model = model(List.of("a", "b", "c", "d"), List.of(edge("a", "b"), edge("b", "c"), edge("a", "c")));
        LineageLayout layout = LineageLayout.mesh(model);
        assertThat(layout.layers()).containsExactly(List.of("a", "d"), List.of("b"), List.of("c"));
        assertThat(layout.links()).hasSize(3);
        assertThat(layout.nodes()).isEqualTo(4);
    }

    @Test
    void placesACycleInsteadOfLoopingOnIt() {
        SiteModel model = model(List.of("a", "b", "c"), List.of(edge("a", "b"), edge("b", "c"), edge("c", "b")));
        LineageLayout layout = LineageLayout.mesh(model);
        assertThat(layout.nodes()).isEqualTo(3);
        assertThat(layout.layers().get(0)).containsExactly("a");
    }

    @Test
    void showsAProducerMissingFromTheCatalogAsANode() {
        SiteModel model = model(List.of("b"), List.of(edge("gone", "b")));
        assertThat(LineageLayout.mesh(model).layers()).containsExactly(List.of("gone"), List.of("b"));
    }

    @Test
    void ordersAColumnByWhereItsProducersSit() {
        // a feeds y, z feeds b: column 1 follows the rows of column 0 (a above z), not the alphabet
        SiteModel model = model(List.of("a", "b", "y", "z"), List.of(edge("z", "b"), edge("a", "y")));
        LineageLayout layout = LineageLayout.mesh(model);
        assertThat(layout.layers()).containsExactly(List.of("a", "z"), List.of("y", "b"));
        assertThat(layout.rows()).containsEntry("y", 0).containsEntry("b", 1);
    }

    @Test
    void placesAProductLevelWithItsProducerWhenTheRowIsFree() {
        // a, b, c are sources; only c has a consumer, which is drawn on c's row, not at the top
        SiteModel model = model(List.of("a", "b", "c", "d"), List.of(edge("c", "d")));
        LineageLayout layout = LineageLayout.mesh(model);
        assertThat(layout.rows()).containsEntry("c", 2).containsEntry("d", 2);
    }

    @Test
    void theNeighbourhoodReachesHopsEachWayAndIsCutAtItsLimit() {
        // chain p0 -> p1 -> ... -> p6
        List<String> ids = new ArrayList<>();
        List<Lineage.Edge> edges = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            ids.add("p" + i);
            if (i > 0) edges.add(edge("p" + (i - 1), "p" + i));
        }
        SiteModel model = model(ids, edges);
        LineageLayout around = LineageLayout.around(model, "p3", 2, 40);
        assertThat(around.layers())
                .containsExactly(List.of("p1"), List.of("p2"), List.of("p3"), List.of("p4"), List.of("p5"));
        assertThat(around.links()).hasSize(4);
        assertThat(around.truncated()).isFalse();

        List<Lineage.Edge> fan = new ArrayList<>();
        List<String> fanIds = new ArrayList<>(List.of("hub"));
        for (int i = 0; i < 10; i++) {
            fanIds.add("c" + i);
            fan.add(edge("hub", "c" + i));
        }
        LineageLayout cut = LineageLayout.around(model(fanIds, fan), "hub", 2, 4);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.nodes()).isEqualTo(5);
    }
}
