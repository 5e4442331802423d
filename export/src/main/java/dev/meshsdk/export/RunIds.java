package dev.meshsdk.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Run ids that are the same every time the same run is exported, so that a re-export updates the runs a
 * lineage server already holds instead of adding copies. They have the layout of a version-7 UUID (RFC 9562),
 * which OpenLineage recommends for run ids: the run's time in milliseconds first, so they sort by time, then
 * 74 bits of a SHA-256 of what identifies the run in place of random bits.
 */
final class RunIds {
    private RunIds() {}

    static UUID of(Instant time, String... identity) {
        byte[] hash = sha256(String.join("\n", identity));
        ByteBuffer bits = ByteBuffer.wrap(hash);
        long high = bits.getLong();
        long low = bits.getLong();
        long msb = ((time.toEpochMilli() & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (high & 0x0FFFL);
        long lsb = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
