package dev.godwit.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDriftTest {
    private static final SchemaObject USERS = new SchemaObject("table", "users", "CREATE TABLE users (id INT)");
    private static final SchemaObject EMAIL = new SchemaObject("column", "users.email", "TEXT");
    private static final SchemaObject INDEX = new SchemaObject("index", "users_email", "CREATE INDEX users_email");

    private static RecordedSchema recorded(SchemaObject... objects) {
        SchemaSnapshot s = new SchemaSnapshot(List.of(objects));
        return new RecordedSchema(s, s.fingerprint(), "3", "2026-12-01T00:00:00Z");
    }

    @Test
    void theFingerprintDependsOnTheObjectsNotOnTheirOrderOrWhitespace() {
        SchemaSnapshot a = new SchemaSnapshot(List.of(USERS, EMAIL, INDEX));
        SchemaSnapshot b = new SchemaSnapshot(List.of(INDEX, new SchemaObject("column", "users.email", " TEXT\n"),
                new SchemaObject("table", "users", "CREATE  TABLE users\n  (id INT)")));

        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).startsWith("sha256:");
        assertThat(a.canonical()).isEqualTo(b.canonical());
    }

    @Test
    void theCanonicalListingReadsBackWithTabsAndBackslashesInNames() {
        SchemaSnapshot odd = new SchemaSnapshot(List.of(new SchemaObject("table", "we\tird\\name", "x\\ty"), USERS));

        assertThat(SchemaSnapshot.parse(odd.canonical())).isEqualTo(odd);
    }

    @Test
    void addedRemovedAndChangedObjectsAreEachListed() {
        SchemaDrift drift = SchemaDrift.between(recorded(USERS, EMAIL, INDEX), new SchemaSnapshot(List.of(
                USERS, new SchemaObject("column", "users.email", "TEXT NOT NULL"),
                new SchemaObject("table", "audit", "CREATE TABLE audit (x INT)"))));

        assertThat(drift.drifted()).isTrue();
        assertThat(drift.added()).extracting(SchemaObject::key).containsExactly("table audit");
        assertThat(drift.removed()).extracting(SchemaObject::key).containsExactly("index users_email");
        assertThat(drift.changed()).singleElement().satisfies(c -> {
            assertThat(c.before().definition()).isEqualTo("TEXT");
            assertThat(c.after().definition()).isEqualTo("TEXT NOT NULL");
        });
        assertThat(drift.describe()).containsExactly("added   table audit", "removed index users_email",
                "changed column users.email: TEXT -> TEXT NOT NULL");
    }

    @Test
    void theSameSchemaIsNoDrift() {
        assertThat(SchemaDrift.between(recorded(USERS, EMAIL), new SchemaSnapshot(List.of(EMAIL, USERS))).drifted())
                .isFalse();
    }

    @Test
    void theSchemaTableIsNamedAfterTheHistoryTableAsTheLockTableIs() {
        assertThat(SchemaStore.tableFor("godwit_history")).isEqualTo("godwit_schema");
        assertThat(SchemaStore.tableFor("schema_migrations")).isEqualTo("schema_migrations_schema");
        assertThat(SchemaStore.lockTableFor("godwit_history")).isEqualTo("godwit_lock");
    }
}
