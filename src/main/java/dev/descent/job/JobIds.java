package dev.descent.job;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered job ids (UUID version 7, RFC 9562): the string order is the creation order, which
 * gives newest-first listing and cursors for free. Within one millisecond a counter in the
 * 12-bit {@code rand_a} field keeps ids strictly increasing.
 */
final class JobIds {
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    synchronized String next() {
        long now = System.currentTimeMillis();
        if (now > lastMillis) {
            lastMillis = now;
            counter = random.nextInt(1 << 10); // leave room to count up within the millisecond
        } else if (++counter >= (1 << 12)) {
            lastMillis++; // borrow the next millisecond rather than repeat an id
            counter = 0;
        }
        long high = (lastMillis << 16) | (0x7L << 12) | counter;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
