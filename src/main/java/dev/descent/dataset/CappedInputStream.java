package dev.descent.dataset;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts the bytes read, reports progress, and fails at the first byte past the cap. */
final class CappedInputStream extends FilterInputStream {
    private final long limit;
    private final LongConsumer progress;
    private long count;
    private long reported;

    CappedInputStream(InputStream in, long limit, LongConsumer progress) {
        super(in);
        this.limit = limit;
        this.progress = progress;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) counted(1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) counted(n);
        return n;
    }

    private void counted(int n) throws DatasetTooLargeException {
        count += n;
        if (count > limit) throw new DatasetTooLargeException(limit);
        if (count - reported >= 1 << 20) {
            reported = count;
            progress.accept(count);
        }
    }
}
