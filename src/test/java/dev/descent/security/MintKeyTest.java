package dev.descent.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MintKeyTest {
    @Test
    void sha256MatchesTheFipsExample() {
        assertThat(MintKey.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
