package dev.godwit.dialect.libsql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for Hrana over HTTP ({@code POST /v3/pipeline} or {@code /v2/pipeline}, JSON), the protocol of
 * the libSQL server sqld, Turso and {@code tursodb --sync-server}.
 *
 * <p>Every call is one HTTP request holding one pipeline without a baton, so it runs on a fresh stream and no
 * transaction ever stays open across requests. A transaction therefore lives inside one {@link HranaBatch} (see
 * {@link TransactionalBatch}).
 *
 * <p>Protocol version: on first use the client asks {@code GET /v3}. Servers that answer 200 (sqld, Turso) get
 * {@code /v3/pipeline} with a trailing {@code close} request: sqld otherwise keeps the stream (and its connection)
 * open until it expires, and it accepts the {@code is_autocommit} condition only on v3. Others (tursodb, which
 * has no {@code /v3} and refuses {@code close}) get {@code /v2/pipeline} without {@code close}; tursodb ends the
 * stream with the request.
 *
 * <p>Size limits, measured against sqld 0.24.32 and tursodb 0.7.0: neither limits the request body as such (sqld
 * reads the pipeline body without a cap; 40 MB bodies were accepted by both). What bites first on sqld is SQLite's
 * length limit on one value or one statement's text (a 4.2 MB text argument passed, 5 MB failed with
 * {@code ARGS_INVALID}/{@code SQLITE_TOOBIG}) and its response caps ({@code --max-response-size} 10 MB per
 * statement, {@code --max-total-response-size} 32 MB per request: a batch of 200,000 steps fails with
 * {@code RESPONSE_TOO_LARGE}, 100,000 pass). Hosted Turso sits behind a proxy with limits of its own, so the
 * client refuses requests above {@link Options#maxRequestBytes()} (4 MiB by default) before sending them;
 * callers that may split their work use {@link #requestBytes(HranaBatch)} to chunk.
 *
 * <p>The auth token goes only into the {@code Authorization: Bearer} header: never into a message, a log line or
 * {@link #toString()}. Thread-safe; configuration is fixed at construction.
 */
final class HranaClient {
    private static final Logger LOG = LoggerFactory.getLogger(HranaClient.class);

    static final String AUTH_HINT = "check the token given with --auth-token or in GODWIT_AUTH_TOKEN, "
            + "LIBSQL_AUTH_TOKEN or TURSO_AUTH_TOKEN (looked up in that order): it may be missing, expired, "
            + "read-only or made for another database";

    /**
     * Time-outs, retries and limits.
     *
     * @param connectTimeout  how long to wait for a TCP/TLS connection
     * @param requestTimeout  how long to wait for the response to one request
     * @param readRetries     extra attempts for read-only requests that failed to connect; writes are never retried
     * @param retryBackoff    wait before the first retry, doubled for each further one
     * @param maxRequestBytes largest request body the client sends
     */
    record Options(Duration connectTimeout, Duration requestTimeout, int readRetries, Duration retryBackoff,
                   int maxRequestBytes) {
        Options {
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(requestTimeout, "requestTimeout");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            if (retryBackoff.isNegative()) {
                throw new IllegalArgumentException("retryBackoff must not be negative");
            }
            if (readRetries < 0) {
                throw new IllegalArgumentException("readRetries must be >= 0: " + readRetries);
            }
            if (maxRequestBytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be >= 1024: " + maxRequestBytes);
            }
        }

        static Options defaults() {
            return new Options(Duration.ofSeconds(10), Duration.ofSeconds(60), 2, Duration.ofMillis(200),
                    4 * 1024 * 1024);
        }

        Options withConnectTimeout(Duration value) {
            return new Options(value, requestTimeout, readRetries, retryBackoff, maxRequestBytes);
        }

        Options withRequestTimeout(Duration value) {
            return new Options(connectTimeout, value, readRetries, retryBackoff, maxRequestBytes);
        }

        Options withReadRetries(int value, Duration backoff) {
            return new Options(connectTimeout, requestTimeout, value, backoff, maxRequestBytes);
        }

        Options withMaxRequestBytes(int value) {
            return new Options(connectTimeout, requestTimeout, readRetries, retryBackoff, value);
        }

        private static void requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }

    /** Which pipeline endpoint the server speaks. */
    enum Protocol {
        HRANA_2("/v2/pipeline", false),
        HRANA_3("/v3/pipeline", true);

        final String path;
        final boolean closeStream;

        Protocol(String path, boolean closeStream) {
            this.path = path;
            this.closeStream = closeStream;
        }
    }

    private final LibsqlUrl url;
    private final String authToken;
    private final Options options;
    private final HttpClient http;
    private volatile Protocol protocol;
    /** Whether the server has answered once: until then a refused connection means nothing was ever sent. */
    private volatile boolean answeredOnce;

    private HranaClient(LibsqlUrl url, String authToken, Options options, Protocol protocol) {
        this.url = url;
        this.authToken = authToken;
        this.options = options;
        this.protocol = protocol;
        // HTTP/1.1 always: sqld hangs on the h2c upgrade the JDK client attempts on cleartext http://.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A client for the database at {@code url}.
     *
     * @param authToken the bearer token, or {@code null} / blank for none
     */
    static HranaClient connect(String url, String authToken, Options options) {
        return new HranaClient(LibsqlUrl.parse(url), checkToken(authToken), Objects.requireNonNull(options), null);
    }

    /** As {@link #connect}, with the protocol fixed instead of detected. */
    static HranaClient connect(String url, String authToken, Options options, Protocol protocol) {
        return new HranaClient(LibsqlUrl.parse(url), checkToken(authToken), Objects.requireNonNull(options),
                Objects.requireNonNull(protocol));
    }

    LibsqlUrl url() {
        return url;
    }

    Options options() {
        return options;
    }

    /** Runs a statement once; never retried, so it may write. */
    StatementResult execute(HranaStatement statement) {
        return executeOnce(statement, false);
    }

    /**
     * Runs a read: a plain {@code SELECT} is retried with backoff when the connection fails; anything else runs
     * once, as {@link #execute}.
     */
    StatementResult query(HranaStatement statement) {
        return executeOnce(statement, isPlainSelect(statement.sql()));
    }

    /** Runs the steps of a batch in one request; never retried. */
    BatchResult batch(HranaBatch batch) {
        Protocol p = protocol();
        byte[] body = HranaJson.pipeline(List.of(HranaJson.batchRequest(batch)), p.closeStream);
        JsonNode response = single(send(p, body, false, batch.toString()), batch.toString());
        return HranaJson.batchResult(response.path("result"));
    }

    /** Size in bytes of the request that {@link #batch} would send, to compare with {@link #maxRequestBytes()}. */
    int requestBytes(HranaBatch batch) {
        return HranaJson.pipeline(List.of(HranaJson.batchRequest(batch)), true).length;
    }

    int maxRequestBytes() {
        return options.maxRequestBytes();
    }

    /** The protocol in use, asking the server on first call. */
    Protocol protocol() {
        Protocol p = protocol;
        if (p == null) {
            p = detectProtocol();
            protocol = p;
        }
        return p;
    }

    @Override
    public String toString() {
        return "HranaClient[" + url + (authToken == null ? "" : ", token=<redacted>") + "]";
    }

    private StatementResult executeOnce(HranaStatement statement, boolean idempotent) {
        Protocol p = protocol();
        byte[] body = HranaJson.pipeline(List.of(HranaJson.executeRequest(statement)), p.closeStream);
        JsonNode response = single(send(p, body, idempotent, statement.excerpt()), statement.excerpt());
        return HranaJson.statementResult(response.path("result"));
    }

    private JsonNode single(byte[] responseBody, String what) {
        List<HranaJson.Entry> entries;
        try {
            entries = HranaJson.pipelineResponse(responseBody);
        } catch (HranaJson.MalformedResponse e) {
            throw new GodwitException(ErrorCode.DATABASE,
                    "The server at " + url + " sent a malformed Hrana response: " + e.getMessage(),
                    "check that the URL points at a libSQL server (sqld, Turso or tursodb)");
        }
        if (entries.isEmpty()) {
            throw new GodwitException(ErrorCode.DATABASE,
                    "The server at " + url + " sent no result for " + what, "");
        }
        HranaJson.Entry entry = entries.get(0);
        if (entries.size() > 1 && entries.get(1).error() != null) {
            LOG.debug("closing the Hrana stream failed: {}", entries.get(1).error());
        }
        if (entry.error() != null) {
            ServerError error = redact(entry.error());
            throw new HranaServerException(ErrorCode.DATABASE,
                    "The server at " + url + " refused " + what + ": " + error,
                    serverHint(error), error);
        }
        return entry.response();
    }

    private Protocol detectProtocol() {
        HttpRequest request = request(url.resolve("/v3")).GET().build();
        HttpResponse<byte[]> response = sendWithRetries(request, true, "GET /v3");
        int status = response.statusCode();
        checkAuth(status);
        Protocol detected = status == 200 ? Protocol.HRANA_3 : Protocol.HRANA_2;
        LOG.debug("{} speaks {} (GET /v3 answered {})", url, detected, status);
        return detected;
    }

    private byte[] send(Protocol p, byte[] body, boolean idempotent, String what) {
        if (body.length > options.maxRequestBytes()) {
            throw new GodwitException(ErrorCode.PLAN_REFUSED,
                    "The request for " + what + " is " + body.length + " bytes, above the limit of "
                            + options.maxRequestBytes() + " bytes for one libSQL request; nothing was sent",
                    "split the migration into smaller ones; each migration travels as one request so that it "
                            + "applies atomically");
        }
        URI endpoint = url.resolve(p.path);
        LOG.debug("POST {} ({} bytes)", endpoint, body.length);
        HttpRequest request = request(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = sendWithRetries(request, idempotent, what);
        int status = response.statusCode();
        checkAuth(status);
        if (status != 200) {
            String text = redact(new String(response.body(), StandardCharsets.UTF_8)).strip();
            if (text.length() > 300) {
                text = text.substring(0, 297) + "...";
            }
            throw new GodwitException(ErrorCode.DATABASE,
                    "The server at " + url + " answered HTTP " + status + " to " + what
                            + (text.isEmpty() ? "" : ": " + text),
                    status == 404 ? "check that the URL points at a libSQL server (sqld, Turso or tursodb)" : "");
        }
        return response.body();
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(options.requestTimeout());
        if (authToken != null) {
            builder.header("Authorization", "Bearer " + authToken);
        }
        return builder;
    }

    private HttpResponse<byte[]> sendWithRetries(HttpRequest request, boolean idempotent, String what) {
        int attempts = idempotent ? 1 + options.readRetries() : 1;
        long backoff = options.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                answeredOnce = true;
                return response;
            } catch (HttpConnectTimeoutException | ConnectException e) {
                if (attempt >= attempts) {
                    // Before the server ever answered, nothing was sent: a configuration problem (exit 2).
                    throw new GodwitException(answeredOnce ? ErrorCode.DATABASE : ErrorCode.DATABASE_UNUSABLE,
                            "Cannot connect to the libSQL server at " + url + describeAttempts(attempt),
                            "check the URL and that the server is running and reachable", e);
                }
            } catch (HttpTimeoutException e) {
                throw new GodwitException(ErrorCode.DATABASE,
                        "The libSQL server at " + url + " did not answer " + what + " within "
                                + options.requestTimeout().toSeconds() + " s"
                                + (idempotent ? "" : "; whether it was applied is unknown"),
                        "check the server's load, or " + Actions.RAISE_REQUEST_TIMEOUT + " (now "
                                + options.requestTimeout().toSeconds() + "); " + Actions.STATUS + " shows "
                                + "what was applied", e);
            } catch (IOException e) {
                if (attempt >= attempts) {
                    throw new GodwitException(ErrorCode.DATABASE,
                            "The connection to the libSQL server at " + url + " failed during " + what
                                    + describeAttempts(attempt)
                                    + (idempotent ? "" : "; whether it was applied is unknown"),
                            "check the network and the server; " + Actions.STATUS + " shows what was applied",
                            e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GodwitException(ErrorCode.DATABASE,
                        "Interrupted while waiting for the libSQL server at " + url, "", e);
            }
            LOG.debug("retrying {} on {} in {} ms (attempt {} of {})", what, url, backoff, attempt + 1, attempts);
            sleep(backoff);
            backoff *= 2;
        }
    }

    private void checkAuth(int status) {
        if (status == 401) {
            throw new GodwitException(ErrorCode.AUTHENTICATION,
                    "The libSQL server at " + url + " refused the request: authentication failed (HTTP 401"
                            + (authToken == null ? ", no auth token given)" : ")"),
                    AUTH_HINT);
        }
        if (status == 403) {
            // sqld answers 403 to a valid read-only token ("a":"ro") on a write.
            throw new GodwitException(ErrorCode.AUTHENTICATION,
                    "The libSQL server at " + url + " refused the request: authentication failed (HTTP 403): the "
                            + "token may not do this, e.g. a read-only token cannot write",
                    AUTH_HINT);
        }
    }

    private static String describeAttempts(int attempts) {
        return attempts > 1 ? " (" + attempts + " attempts)" : "";
    }

    private static String serverHint(ServerError error) {
        String code = error.code().toUpperCase(Locale.ROOT);
        String message = error.message().toLowerCase(Locale.ROOT);
        if (code.contains("AUTH") || message.contains("authoriz") || message.contains("read-only")
                || message.contains("readonly")) {
            return AUTH_HINT;
        }
        return "";
    }

    private ServerError redact(ServerError error) {
        return new ServerError(redact(error.message()), error.code());
    }

    private String redact(String text) {
        return authToken == null ? text : text.replace(authToken, "<redacted>");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.DATABASE, "Interrupted while waiting to retry", "", e);
        }
    }

    private static String checkToken(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String t = token.strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new GodwitException(ErrorCode.CONFIGURATION,
                        "The auth token contains a character that cannot travel in an HTTP header",
                        "copy the token again without spaces or line breaks");
            }
        }
        return t;
    }

    /**
     * Whether the text is one plain SELECT, safe to send twice: after blanks and comments it starts with the
     * keyword {@code SELECT}. SQLite cannot write from a SELECT.
     */
    static boolean isPlainSelect(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        if (!sql.regionMatches(true, i, "select", 0, 6)) {
            return false;
        }
        return i + 6 == n || !Character.isJavaIdentifierPart(sql.charAt(i + 6));
    }
}
