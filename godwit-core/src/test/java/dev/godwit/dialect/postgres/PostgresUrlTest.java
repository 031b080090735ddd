package dev.godwit.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.DatabaseUrl;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.dialect.Dialects;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    private static PostgresUrl parse(String url, String fallback) {
        return PostgresUrl.parse(DatabaseUrl.parse(url), fallback);
    }

    @Test
    void takesAPostgresUrlApartIntoAJdbcUrlWithoutCredentialsAndProperties() {
        PostgresUrl u = parse("postgres://alice:s3cret@db.example:6543/shop?sslmode=require", null);
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/shop");
        Properties p = u.connectionProperties();
        assertThat(p.getProperty("user")).isEqualTo("alice");
        assertThat(p.getProperty("password")).isEqualTo("s3cret");
        assertThat(p.getProperty("sslmode")).isEqualTo("require");
        assertThat(p.getProperty("ApplicationName")).isEqualTo("godwit");
    }

    @Test
    void refusesParametersThePostgresDriverDoesNotKnowAndKeepsThoseItDoes() {
        assertThatThrownBy(() -> parse("postgres://alice:s3cret@h/app?sslmode=require&sslmdoe=disable&foo=1", null))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e).hasMessageContaining("unknown parameters sslmdoe, foo")
                            .hasMessageNotContaining("s3cret");
                    assertThat(e.hint()).contains("pgjdbc");
                });
        Properties p = parse("postgres://h/app?connect_timeout=3&options=-c%20x%3D1&tcpKeepAlive=true", null)
                .connectionProperties();
        assertThat(p.getProperty("connectTimeout")).isEqualTo("3");
        assertThat(p.getProperty("options")).isEqualTo("-c x=1");
        assertThat(p.getProperty("tcpKeepAlive")).isEqualTo("true");
    }

    @Test
    void acceptsThePostgresqlSchemeAndJdbcUrlsWithCredentialsInTheQuery() {
        assertThat(parse("postgresql://bob@localhost/app", null).jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost/app");
        PostgresUrl j = parse("jdbc:postgresql://h:5432/app?user=bob&password=pw&application_name=deploy", null);
        assertThat(j.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/app");
        assertThat(j.user()).isEqualTo("bob");
        assertThat(j.password()).isEqualTo("pw");
        assertThat(j.connectionProperties().getProperty("ApplicationName")).isEqualTo("deploy");
        assertThat(parse("jdbc:postgresql:app", null).jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app");
    }

    @Test
    void percentDecodesUserPasswordAndDatabase() {
        PostgresUrl u = parse("postgres://al%40ice:p%2Fw%3A%25@h/my%20db", null);
        assertThat(u.user()).isEqualTo("al@ice");
        assertThat(u.password()).isEqualTo("p/w:%");
        assertThat(u.database()).isEqualTo("my db");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h/my%20db");
    }

    @Test
    void usesTheConfiguredPasswordOnlyWhenTheUrlHasNone() {
        assertThat(parse("postgres://alice@h/db", "fromenv").password()).isEqualTo("fromenv");
        assertThat(parse("postgres://alice:inurl@h/db", "fromenv").password()).isEqualTo("inurl");
        assertThat(parse("postgres://alice@h/db", null).password()).isNull();
    }

    @Test
    void neverShowsThePassword() {
        PostgresUrl u = parse("postgres://alice:hunter22@h/db", null);
        assertThat(u.toString()).doesNotContain("hunter22");
        assertThat(u.describe()).doesNotContain("hunter22").contains("db").contains("h");
        assertThat(DatabaseUrl.parse("postgres://alice:hunter22@h/db").redacted()).doesNotContain("hunter22");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=a&password=hunter22").redacted())
                .doesNotContain("hunter22");
    }

    @Test
    void refusesABrokenPercentEscapeWithoutShowingThePassword() {
        assertThatThrownBy(() -> parse("postgres://alice:hunter22@h/d%zz", null))
                .isInstanceOf(GodwitException.class)
                .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
                .message().doesNotContain("hunter22");
    }

    @Test
    void theLockKeyDependsOnDatabaseSchemaAndTable() {
        long k = PostgresSession.lockKey("db", "public", "godwit_history");
        assertThat(k).isEqualTo(PostgresSession.lockKey("db", "public", "godwit_history"));
        assertThat(k).isNotEqualTo(PostgresSession.lockKey("db2", "public", "godwit_history"));
        assertThat(k).isNotEqualTo(PostgresSession.lockKey("db", "app", "godwit_history"));
        assertThat(k).isNotEqualTo(PostgresSession.lockKey("db", "public", "other"));
    }

    @Test
    void postgresUrlsPickThePostgresDialect() {
        assertThat(Dialects.forUrl(DatabaseUrl.parse("postgres://h/db")).name()).isEqualTo("postgresql");
    }
}
