package dev.meshsdk.catalog.site;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshCatalog;
import dev.meshsdk.MeshException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Writes the mesh's catalog as a static website that opens from the file system, offline, in any
 * browser: {@code index.html} lists and searches every product, {@code products/<id>.html} shows one
 * (owners, ports, schema, quality, inputs, consumers, lineage, deployments, usage), {@code lineage.html} the
 * whole mesh, {@code unused.html} the ports nobody read lately, and {@code style.css} styles them. No page loads anything from the network.
 *
 * <pre>{@code
 * try (Mesh mesh = Mesh.builder().environment("prod").build()) {
 *     SiteResult site = CatalogSite.builder().title("Acme data mesh").build()
 *             .write(mesh.catalog(), Path.of("target/mesh/catalog"));
 * }
 * }</pre>
 *
 * Every text from descriptors is escaped; pages hold metadata only, never a credential or a data row.
 * Writing is linear in the size of the catalog, the product pages of a large one written by one thread
 * per processor. An instance is immutable and may be shared.
 */
public final class CatalogSite {
    /** At most this many producers and as many consumers are drawn around a product. */
    private static final int NEIGHBOURS = 40;
    /** The one stylesheet: system fonts only, nothing from the network. */
    private static final String CSS = Resources.text("style.css");

    private final String title;
    private final int qualityHistory;
    private final int lineageGraphLimit;
    private final int lineageHops;
    private final Clock clock;

    private CatalogSite(Builder b) {
        this.title = b.title;
        this.qualityHistory = b.qualityHistory;
        this.lineageGraphLimit = b.lineageGraphLimit;
        this.lineageHops = b.lineageHops;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the catalog of {@code catalog}'s environment (products, the latest quality records of each
     * port, deployments, lineage) and writes the site into {@code outDir}.
     *
     * @throws MeshException {@code REGISTRY_FAILURE} when the registry cannot be read,
     *                       {@code STORAGE_FAILURE} when the site cannot be written
     */
    public SiteResult write(MeshCatalog catalog, Path outDir) {
        return write(
                SiteData.read(
                        catalog,
                        qualityHistory,
                        java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)),
                outDir);
    }

    /**
     * Writes the site for {@code data} into {@code outDir}, creating it when missing. Pages already
     * there are overwritten; product pages of products no longer in the catalog are removed from
     * {@code outDir/products}, and nothing else in {@code outDir} is touched.
     *
     * @throws MeshException {@code STORAGE_FAILURE} when a file cannot be written
     */
    public SiteResult write(SiteData data, Path outDir) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(outDir, "outDir");
        SiteModel model = new SiteModel(data);
        PageFrame frame = new PageFrame(title, model.environment, clock.instant());
        ProductPage.Settings settings = new ProductPage.Settings(qualityHistory, lineageHops, NEIGHBOURS);
        Path products = outDir.resolve(PageNames.PRODUCTS_DIR);
        try {
            Files.createDirectories(products);
            Files.writeString(outDir.resolve("style.css"), CSS, StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("index.html"), IndexPage.render(model, frame), StandardCharsets.UTF_8);
            Files.writeString(
                    outDir.resolve("lineage.html"),
                    LineagePage.render(model, frame, lineageGraphLimit),
                    StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("unused.html"), UnusedPage.render(model, frame), StandardCharsets.UTF_8);
            ProductPages.write(model, frame, settings, products);
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE,
                    "Cannot write the catalog site to '" + outDir + "': " + reason(e)
                            + "; check that the directory can be written",
                    e);
        }
        return new SiteResult(outDir.resolve("index.html"), 3 + model.entries.size(), model.entries.size());
    }

    /** What went wrong, said with the file it went wrong on: NIO's own messages are often just the path. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) return "permission denied on '" + denied.getFile() + "'";
        if (e instanceof FileAlreadyExistsException exists) {
            return "'" + exists.getFile() + "' exists and is not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return "'" + fs.getFile() + "': "
                    + (fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName());
        }
        return e.getMessage();
    }

    /** Configures a {@link CatalogSite}; every setting has a default. */
    public static final class Builder {
        private String title = "Mesh catalog";
        private int qualityHistory = 30;
        private int lineageGraphLimit = 300;
        private int lineageHops = 2;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The name in every page's title and top bar. Default {@code Mesh catalog}. */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** How many of each port's latest quality records the history chart shows. Default 30. */
        public Builder qualityHistory(int records) {
            if (records < 1)
                throw new IllegalArgumentException(
                        "Cannot show " + records + " quality records per port; give 1 or more");
            this.qualityHistory = records;
            return this;
        }

        /**
         * Up to how many products {@code lineage.html} draws the mesh as a graph; above it the page lists
         * the links as a table. Default 300: past a few hundred boxes a drawing is no longer read.
         */
        public Builder lineageGraphLimit(int products) {
            if (products < 0)
                throw new IllegalArgumentException(
                        "Cannot draw the lineage up to " + products + " products; give 0 or more");
            this.lineageGraphLimit = products;
            return this;
        }

        /** How many links upstream and downstream a product page's lineage graph reaches. Default 2. */
        public Builder lineageHops(int hops) {
            if (hops < 1)
                throw new IllegalArgumentException("Cannot draw " + hops + " links of lineage; give 1 or more");
            this.lineageHops = hops;
            return this;
        }

        /** The clock the "generated at" line of every page reads. Default UTC system time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CatalogSite build() {
            return new CatalogSite(this);
        }
    }
}
