package dev.descent.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Mints an API key for an operator: prints a random key (256 bits, URL-safe Base64) once, and the
 * line for {@code application.properties} with its SHA-256. The service stores only the hash.
 *
 * <pre>java -cp target/classes dev.descent.security.MintKey alice
 * java -Dloader.main=dev.descent.security.MintKey -cp target/descent-0.1.0-SNAPSHOT.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher alice</pre>
 */
public final class MintKey {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private MintKey() {}

    public static void main(String[] args) {
        if (args.length != 1 || !NAME.matcher(args[0]).matches()) {
            System.err.println("usage: MintKey <client-name>   (1 to 64 of A-Z a-z 0-9 _ -)");
            System.exit(2);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        System.out.println("API key for " + args[0] + " (shown once; give it to the client):");
        System.out.println("  " + key);
        System.out.println("Add to the service's configuration:");
        System.out.println("  descent.security.api-keys." + args[0] + "=" + sha256(key));
    }

    /** SHA-256 of the key's UTF-8 bytes, as lower-case hex. */
    public static String sha256(String key) {
        return HexFormat.of().formatHex(digest(key));
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
