package dev.godwit.dialect.libsql;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a remote libSQL database answers Hrana over HTTP: {@code libsql://HOST[:PORT]} (meaning https),
 * {@code https://...} or {@code http://...}.
 *
 * <p>Credentials never travel in the URL: user info and query strings (the JavaScript client's
 * {@code ?authToken=}) are refused, and the refusal does not echo them.
 *
 * @param base the http(s) base URI without a trailing slash, e.g. {@code https://db.example.turso.io}
 */
record LibsqlUrl(URI base) {
    static final String HINT = "use libsql://HOST[:PORT], https://HOST[:PORT][/PATH] or http://HOST[:PORT][/PATH]; "
            + "pass the token with --auth-token or GODWIT_AUTH_TOKEN, never in the URL";

    LibsqlUrl {
        String scheme = base.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("base must be http or https");
        }
    }

    static LibsqlUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "The libSQL URL is empty", HINT);
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "The libSQL URL is not a valid URI", HINT);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String httpScheme = switch (scheme) {
            case "libsql", "https" -> "https";
            case "http" -> "http";
            default -> throw new GodwitException(ErrorCode.CONFIGURATION,
                    "Unsupported scheme '" + scheme + "' for a remote libSQL database", HINT);
        };
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new GodwitException(ErrorCode.CONFIGURATION,
                    "The libSQL URL must not carry user info, a query string or a fragment", HINT);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "The libSQL URL has no host", HINT);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new LibsqlUrl(URI.create(httpScheme + "://" + uri.getRawAuthority() + path));
    }

    URI resolve(String endpoint) {
        return URI.create(base + endpoint);
    }

    /** Safe to print: the URL holds no credentials by construction. */
    @Override
    public String toString() {
        return base.toString();
    }
}
