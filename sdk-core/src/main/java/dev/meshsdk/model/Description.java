package dev.meshsdk.model;

import java.util.List;
import java.util.Map;

/** The {@code description} block shared by ODPS and ODCS. Unknown keys are kept in {@code extensions}. */
public record Description(
        String purpose,
        String limitations,
        String usage,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public Description {
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }
}
