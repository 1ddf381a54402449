package dev.descent.security;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Two clients' keys for tests over HTTP with security on. */
final class Keys {
    static final String ALICE = "alice-test-key-0123456789";
    static final String BOB = "bob-test-key-9876543210";

    private Keys() {}

    static void enable(DynamicPropertyRegistry registry) {
        registry.add("descent.security.enabled", () -> "true");
        registry.add("descent.security.api-keys.alice", () -> MintKey.sha256(ALICE));
        registry.add("descent.security.api-keys.bob", () -> MintKey.sha256(BOB).toUpperCase());
    }
}
