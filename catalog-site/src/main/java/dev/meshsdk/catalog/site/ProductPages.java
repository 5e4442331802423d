package dev.meshsdk.catalog.site;

import dev.meshsdk.spi.registry.CatalogEntry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes {@code products/<id>.html} for every product, then removes the pages of products no longer in
 * the catalog. A large catalog is written by one thread per processor, each rendering its share of the
 * products into one reused buffer; the model and the frame are read-only, so the threads share them.
 */
final class ProductPages {
    /** Below this many products per thread, starting threads costs more than it saves. */
    private static final int PAGES_PER_THREAD = 250;

    private ProductPages() {}

    static void write(SiteModel model, PageFrame frame, ProductPage.Settings settings, Path dir) throws IOException {
        List<CatalogEntry> entries = model.entries;
        int threads =
                Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), entries.size() / PAGES_PER_THREAD));
        Set<String> written = new HashSet<>();
        if (threads == 1) {
            written.addAll(share(model, frame, settings, dir, 0, 1));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
                Thread t = new Thread(task, "mesh-catalog-site");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<List<String>>> shares = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    int first = k;
                    int step = threads;
                    shares.add(pool.submit(() -> share(model, frame, settings, dir, first, step)));
                }
                for (Future<List<String>> share : shares) written.addAll(share.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing the product pages");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UncheckedIOException io) throw io.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
            }
        }
        try (DirectoryStream<Path> pages = Files.newDirectoryStream(dir, "*.html")) {
            for (Path page : pages) {
                if (!written.contains(page.getFileName().toString())) Files.delete(page);
            }
        }
    }

    /** Writes the pages of entries {@code first}, {@code first + step}, ... and returns their file names. */
    private static List<String> share(
            SiteModel model, PageFrame frame, ProductPage.Settings settings, Path dir, int first, int step) {
        List<String> files = new ArrayList<>();
        StringBuilder page = new StringBuilder(32 * 1024);
        for (int i = first; i < model.entries.size(); i += step) {
            CatalogEntry e = model.entries.get(i);
            String file = PageNames.productFile(e.productId());
            page.setLength(0);
            ProductPage.render(page, model, frame, e, settings);
            try {
                Files.writeString(dir.resolve(file), page, StandardCharsets.UTF_8);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            files.add(file);
        }
        return files;
    }
}
