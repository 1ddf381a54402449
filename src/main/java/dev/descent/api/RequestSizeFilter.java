package dev.descent.api;

import dev.descent.spec.Limits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps JSON request bodies at {@code descent.limits.max-request-bytes}: a declared length above the
 * cap is refused before reading; a chunked body is counted as it is read and fails with
 * {@link PayloadTooLargeException} at the first byte past the cap. Either way the answer is 413.
 * Dataset uploads ({@code POST /api/v1/datasets}) are not JSON: the dataset service caps them at
 * {@code descent.limits.max-dataset-bytes} as it reads them.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {
    private final long limit;

    RequestSizeFilter(Limits limits) {
        this.limit = limits.maxRequestBytes().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if ("POST".equals(request.getMethod()) && (uri.equals("/api/v1/datasets") || uri.equals("/api/v1/datasets/"))) return true;
        return !uri.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"/problems/payload-too-large\",\"title\":\"Content Too Large\","
                    + "\"status\":413,\"detail\":\"The request body of " + request.getContentLengthLong()
                    + " bytes is larger than the limit of " + limit + " bytes\",\"instance\":\""
                    + request.getRequestURI().replace("\"", "") + "\"}");
            return;
        }
        chain.doFilter(new CountingRequest(request, limit), response);
    }

    private static final class CountingRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        CountingRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new CountingStream(super.getInputStream(), limit);
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) throw new PayloadTooLargeException(limit);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
