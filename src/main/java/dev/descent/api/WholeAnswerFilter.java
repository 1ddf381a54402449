package dev.descent.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
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
 * {@code Content-Length}. Spring MVC calls {@code flushBuffer()} after writing a
 * {@code ResponseEntity} (every submission, cancellation, problem, CSV and SVG answer), to send the
 * headers even when there is no body; that commits the response before its length is known, so it
 * went out chunked, and its closing chunk followed in a second write when the request ended. Here
 * {@code flushBuffer()} is passed on only once the request has gone asynchronous (event streams, which
 * must flush each event); until then the container writes the buffer when it fills, or when the
 * request ends, and then it knows the length.
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

        Answer(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (request.isAsyncStarted()) super.flushBuffer();
        }
    }
}
