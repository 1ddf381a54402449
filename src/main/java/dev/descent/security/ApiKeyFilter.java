package dev.descent.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code descent.security.enabled}, every {@code /api/**} request must carry
 * {@code Authorization: Bearer <key>} whose SHA-256 is one of {@code descent.security.api-keys}
 * (compared in constant time against every configured hash); otherwise 401 with
 * {@code WWW-Authenticate: Bearer}. The client is then held in the request as a {@link Client},
 * and its requests are rate limited (429 with {@code Retry-After}). Requests without a valid key
 * are rate limited too, by remote address, so a flood of wrong keys costs at most that many
 * hashes a second per address and then 429s. Runs before the other {@code /api} filters, so an
 * unauthenticated caller learns nothing else (not even the size cap).
 * Actuator, the OpenAPI document and the static page are outside {@code /api} and stay public.
 */
@Component
@Order(0)
class ApiKeyFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String BEARER = "Bearer ";
    /** Remote addresses whose unauthenticated buckets are kept at once. */
    static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final boolean enabled;
    /** Client name → SHA-256 of its key. */
    private final Map<String, byte[]> hashes = new LinkedHashMap<>();
    private final RateLimiter limiter;
    private final RateLimiter unauthenticated;

    ApiKeyFilter(SecurityProperties properties) {
        this.enabled = properties.enabled();
        properties.apiKeys().forEach((name, hash) -> {
            if (!MintKey.NAME.matcher(name).matches()) {
                throw new IllegalStateException("descent.security.api-keys: the client name '" + name
                        + "' must be 1 to 64 of A-Z a-z 0-9 _ -");
            }
            if (hash == null || !hash.strip().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalStateException("descent.security.api-keys." + name
                        + " must be the SHA-256 of the key as 64 hex digits (see MintKey)");
            }
            hashes.put(name, HexFormat.of().parseHex(hash.strip().toLowerCase()));
        });
        this.limiter = new RateLimiter(properties.rateLimit().requestsPerSecond(), System::nanoTime);
        this.unauthenticated = new RateLimiter(properties.rateLimit().unauthenticatedRequestsPerSecond(),
                MAX_TRACKED_ADDRESSES, System::nanoTime);
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (!enabled) {
            log.warn("API security is off (descent.security.enabled=false): the API is open to anyone who can "
                    + "reach the port, and all jobs, datasets and studies are shared");
        } else if (hashes.isEmpty()) {
            log.warn("API security is on but no descent.security.api-keys are configured: every /api request is refused");
        } else {
            log.info("API security is on for {} clients: {}", hashes.size(), String.join(", ", new java.util.TreeSet<>(hashes.keySet())));
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String client = bearer ? clientOf(header.substring(BEARER.length()).strip()) : null;
        if (client == null) {
            long retryAfter = unauthenticated.acquire(request.getRemoteAddr());
            if (retryAfter > 0) {
                tooMany(request, response, retryAfter, "Too many requests without a valid API key from this address");
            } else if (!bearer) {
                unauthorized(request, response, "Bearer realm=\"descent\"",
                        "This API needs an API key: send Authorization: Bearer <key>");
            } else {
                unauthorized(request, response, "Bearer realm=\"descent\", error=\"invalid_token\"", "The API key is not valid");
            }
            return;
        }
        long retryAfter = limiter.acquire(client);
        if (retryAfter > 0) {
            tooMany(request, response, retryAfter, "More than the allowed requests per second for this client");
            return;
        }
        request.setAttribute(Client.ATTRIBUTE, new Client(client));
        chain.doFilter(request, response);
    }

    /** The client whose key hashes to this one; every configured hash is compared, in constant time each. */
    private String clientOf(String key) {
        byte[] presented = MintKey.digest(key);
        String found = null;
        for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getValue()) && found == null) found = e.getKey();
        }
        return found;
    }

    private static void tooMany(HttpServletRequest request, HttpServletResponse response, long retryAfter,
                                String why) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        problem(request, response, HttpStatus.TOO_MANY_REQUESTS, "/problems/rate-limited",
                why + "; retry after " + retryAfter + " s");
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String challenge,
                                     String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        problem(request, response, HttpStatus.UNAUTHORIZED, "/problems/unauthorized", detail);
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                String type, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"" + type + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\""
                + request.getRequestURI().replace("\\", "").replace("\"", "") + "\"}");
    }
}
