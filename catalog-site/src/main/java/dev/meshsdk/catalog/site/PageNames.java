package dev.meshsdk.catalog.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file name of each product's page. An id made only of lower-case letters, digits, {@code .},
 * {@code _} and {@code -} (the usual case) is used as it is; any other id is reduced to those
 * characters and given a short hash of the original, so that two ids never share a page (also on
 * case-insensitive file systems), no page is a hidden file and no id can reach outside
 * {@code products/}.
 */
final class PageNames {
    static final String PRODUCTS_DIR = "products";
    private static final int MAX_STEM = 80;

    private PageNames() {}

    /** The page's file name within {@code products/}, such as {@code orders.html}. */
    static String productFile(String productId) {
        if (plain(productId)) return productId + ".html";
        StringBuilder stem = new StringBuilder();
        for (int i = 0; i < productId.length() && stem.length() < MAX_STEM; i++) {
            char c = Character.toLowerCase(productId.charAt(i));
            stem.append(allowed(c) && !(i == 0 && c == '.') ? c : '_');
        }
        return stem + "-" + hash(productId) + ".html";
    }

    /** The page's path relative to the site's root, such as {@code products/orders.html}. */
    static String productPath(String productId) {
        return PRODUCTS_DIR + "/" + productFile(productId);
    }

    private static boolean plain(String id) {
        if (id.isEmpty() || id.length() > MAX_STEM || id.charAt(0) == '.') return false;
        for (int i = 0; i < id.length(); i++) {
            if (!allowed(id.charAt(i))) return false;
        }
        return true;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
