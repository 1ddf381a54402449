package dev.descent.security;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The client a request acts for, as {@link ApiKeyFilter} authenticated it. Services ask
 * {@link #current()} rather than take it as a parameter, so every path that reads a job, dataset
 * or study by id is filtered the same way. Null means no client: security is off, or the code runs
 * outside a request (workers, timers), where nothing is filtered.
 */
public record Client(String name) {
    /** The request attribute that holds the authenticated {@link Client}. */
    public static final String ATTRIBUTE = Client.class.getName();

    /** The name of the client of the current request, or null without one. */
    public static String current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) return null;
        Object client = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return client instanceof Client c ? c.name() : null;
    }

    /**
     * Whether the current client may see something owned by {@code owner}: always without a
     * client; otherwise only its own (what was made while security was off belongs to no one).
     */
    public static boolean mayAccess(String owner) {
        String client = current();
        return client == null || client.equals(owner);
    }
}
