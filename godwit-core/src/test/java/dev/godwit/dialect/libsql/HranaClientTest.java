package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Transport behaviour against a scripted HTTP/1.1 socket: retries, time-outs, status mapping, redaction. */
class HranaClientTest {
    private static final String TOKEN = "eyJ.secret-token.sig";
    private static final String OK_SELECT = "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\","
            + "\"response\":{\"type\":\"execute\",\"result\":{\"cols\":[{\"name\":\"1\"}],"
            + "\"rows\":[[{\"type\":\"integer\",\"value\":\"1\"}]],\"affected_row_count\":0,"
            + "\"last_insert_rowid\":null}}}]}";

    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static HranaClient client(int port, String token) {
        return HranaClient.connect("http://127.0.0.1:" + port, token,
                HranaClient.Options.defaults()
                        .withReadRetries(2, Duration.ofMillis(10))
                        .withRequestTimeout(Duration.ofSeconds(2)),
                HranaClient.Protocol.HRANA_2);
    }

    @Test
    void retriesAPlainSelectWhenTheConnectionDrops() throws IOException {
        server = new ScriptedServer(List.of(Reply.DROP, Reply.DROP, Reply.ok(OK_SELECT)));

        StatementResult result = client(server.port(), null).query(HranaStatement.of("  -- probe\n select 1"));

        assertThat(result.singleValue()).isEqualTo(1L);
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void neverRetriesAWrite() throws IOException {
        server = new ScriptedServer(List.of(Reply.DROP, Reply.ok(OK_SELECT)));

        assertThatThrownBy(() -> client(server.port(), null).execute(HranaStatement.of("INSERT INTO t VALUES (1)")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATABASE);
                    assertThat(e.getMessage()).contains("whether it was applied is unknown");
                });
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void neverRetriesAQueryThatIsNotAPlainSelect() throws IOException {
        server = new ScriptedServer(List.of(Reply.DROP, Reply.ok(OK_SELECT)));

        assertThatThrownBy(() -> client(server.port(), null).query(HranaStatement.of("DELETE FROM t RETURNING *")))
                .isInstanceOf(GodwitException.class);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void reportsAnUnreachableServerWithTheUrlAndTheAttempts() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client(port, TOKEN).query(HranaStatement.of("SELECT 1")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).as("never reached: nothing was sent").isEqualTo(ErrorCode.DATABASE_UNUSABLE);
                    assertThat(e.getMessage()).contains("http://127.0.0.1:" + port).contains("3 attempts")
                            .doesNotContain(TOKEN);
                });
    }

    @Test
    void timesOutARequestThatGetsNoAnswer() throws IOException {
        server = new ScriptedServer(List.of(Reply.HANG));
        HranaClient client = HranaClient.connect("http://127.0.0.1:" + server.port(), null,
                HranaClient.Options.defaults().withRequestTimeout(Duration.ofMillis(300)), HranaClient.Protocol.HRANA_2);

        assertThatThrownBy(() -> client.execute(HranaStatement.of("CREATE TABLE t (x)")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATABASE);
                    assertThat(e.getMessage()).contains("did not answer").contains("unknown");
                });
    }

    @Test
    void mapsUnauthorizedToAnAuthenticationErrorThatHidesTheToken() throws IOException {
        server = new ScriptedServer(List.of(new Reply(401, "Unauthorized: bad token " + TOKEN)));

        assertThatThrownBy(() -> client(server.port(), TOKEN).query(HranaStatement.of("SELECT 1")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("authentication failed").doesNotContain(TOKEN);
                    assertThat(e.hint()).contains("--auth-token", "GODWIT_AUTH_TOKEN", "LIBSQL_AUTH_TOKEN",
                            "TURSO_AUTH_TOKEN");
                });
        assertThat(server.requests().get(0).toLowerCase(Locale.ROOT))
                .contains("authorization: bearer " + TOKEN.toLowerCase(Locale.ROOT));
    }

    @Test
    void redactsTheTokenFromAServerErrorBody() throws IOException {
        server = new ScriptedServer(List.of(new Reply(500, "internal error near " + TOKEN)));

        assertThatThrownBy(() -> client(server.port(), TOKEN).execute(HranaStatement.of("SELECT 1")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.getMessage()).contains("HTTP 500").contains("<redacted>").doesNotContain(TOKEN);
                });
    }

    @Test
    void speaksHttp11AndNeverShowsTheTokenInToString() throws IOException {
        server = new ScriptedServer(List.of(Reply.ok(OK_SELECT)));
        HranaClient client = client(server.port(), TOKEN);

        client.query(HranaStatement.of("SELECT 1"));

        assertThat(server.requests().get(0)).startsWith("POST /v2/pipeline HTTP/1.1").doesNotContain("Upgrade");
        assertThat(client.toString()).doesNotContain(TOKEN).contains("<redacted>");
    }

    @Test
    void detectsHrana3ByAskingForV3() throws IOException {
        server = new ScriptedServer(List.of(new Reply(200, "Hello, this is HTTP API v3")));
        HranaClient client = HranaClient.connect("http://127.0.0.1:" + server.port(), null,
                HranaClient.Options.defaults());
        assertThat(client.protocol()).isEqualTo(HranaClient.Protocol.HRANA_3);
        assertThat(server.requests().get(0)).startsWith("GET /v3 HTTP/1.1");
    }

    @Test
    void recognisesPlainSelects() {
        assertThat(HranaClient.isPlainSelect("SELECT 1")).isTrue();
        assertThat(HranaClient.isPlainSelect("/* c */ -- x\n\tselect*from t")).isTrue();
        assertThat(HranaClient.isPlainSelect("selection")).isFalse();
        assertThat(HranaClient.isPlainSelect("WITH x AS (SELECT 1) DELETE FROM t")).isFalse();
        assertThat(HranaClient.isPlainSelect("INSERT INTO t SELECT 1")).isFalse();
        assertThat(HranaClient.isPlainSelect("")).isFalse();
    }

    @Test
    void refusesATokenThatCannotTravelInAHeader() {
        assertThatThrownBy(() -> HranaClient.connect("http://127.0.0.1:1", "abc\ndef", HranaClient.Options.defaults()))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).doesNotContain("abc");
                });
    }

    /** What the scripted server does with one connection. */
    record Reply(int status, String body) {
        static final Reply DROP = new Reply(-1, "");
        static final Reply HANG = new Reply(-2, "");

        static Reply ok(String body) {
            return new Reply(200, body);
        }
    }

    /** Accepts connections and answers each with the next scripted reply, recording request heads. */
    static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Reply> replies;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        ScriptedServer(List<Reply> replies) throws IOException {
            this.replies = List.copyOf(replies);
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.thread = new Thread(this::serve, "scripted-hrana");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        List<String> requests() {
            return requests;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    open.add(s);
                    int n = connections.getAndIncrement();
                    Reply reply = replies.get(Math.min(n, replies.size() - 1));
                    String head = readRequest(s.getInputStream());
                    requests.add(head);
                    if (reply == Reply.DROP) {
                        s.close();
                    } else if (reply != Reply.HANG) {
                        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.1 " + reply.status() + " X\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                        s.close();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                head.write(b);
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    in.readNBytes(Integer.parseInt(line.substring(15).strip()));
                }
            }
            return text;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (open) {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }
}
