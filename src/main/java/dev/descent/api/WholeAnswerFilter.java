package dev.descent.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an answer that fits the container's response buffer leave in one write, with a
 * {@code Content-Length}. Spring's message converters flush after writing a body; a flush commits
 * the response before its length is known, so it goes out chunked, and the closing chunk follows in a
 * second write when the request ends. Here a flush is passed on only once the request has gone
 * asynchronous (event streams, which must flush each event); until then the container writes the
 * buffer when it fills or when the request ends, and in the second case it knows the length.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WholeAnswerFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Answer(request, response));
    }

    private static final class Answer extends HttpServletResponseWrapper {
        private final HttpServletRequest request;
        private ServletOutputStream stream;

        Answer(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        boolean streaming() {
            return request.isAsyncStarted();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (streaming()) super.flushBuffer();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) stream = new HeldFlush(super.getOutputStream(), this);
            return stream;
        }
    }

    private static final class HeldFlush extends ServletOutputStream {
        private final ServletOutputStream out;
        private final Answer answer;

        HeldFlush(ServletOutputStream out, Answer answer) {
            this.out = out;
            this.answer = answer;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (answer.streaming()) out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
