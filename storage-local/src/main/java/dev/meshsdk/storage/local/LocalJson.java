package dev.meshsdk.storage.local;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON mapper of the adapter's own files (grants, port states, erasure), made when first used: a fresh JVM spends
 * about 0.2 s of CPU time and 500 classes making one, and validating a project (which checks ports) reads none.
 */
final class LocalJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private LocalJson() {}
}
