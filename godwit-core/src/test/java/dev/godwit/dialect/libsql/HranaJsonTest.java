package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HranaJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void encodesEachArgumentTypeAsTheSpecSays() {
        assertThat(HranaJson.value(null).toString()).isEqualTo("{\"type\":\"null\"}");
        assertThat(HranaJson.value(Long.MIN_VALUE).toString())
                .isEqualTo("{\"type\":\"integer\",\"value\":\"-9223372036854775808\"}");
        assertThat(HranaJson.value(7).toString()).isEqualTo("{\"type\":\"integer\",\"value\":\"7\"}");
        assertThat(HranaJson.value(true).toString()).isEqualTo("{\"type\":\"integer\",\"value\":\"1\"}");
        assertThat(HranaJson.value(1.5).toString()).isEqualTo("{\"type\":\"float\",\"value\":1.5}");
        assertThat(HranaJson.value("a\"b").toString()).isEqualTo("{\"type\":\"text\",\"value\":\"a\\\"b\"}");
        assertThat(HranaJson.value(new byte[] {1, 2}).toString()).isEqualTo("{\"type\":\"blob\",\"base64\":\"AQI\"}");
    }

    @Test
    void refusesArgumentsHranaCannotCarry() {
        assertThatThrownBy(() -> HranaStatement.of("SELECT ?", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HranaStatement.of("SELECT ?", new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesNestedConditions() {
        BatchCondition condition = BatchCondition.and(BatchCondition.ok(0),
                BatchCondition.not(BatchCondition.or(BatchCondition.error(1), BatchCondition.isAutocommit())));
        assertThat(HranaJson.condition(condition).toString()).isEqualTo("{\"type\":\"and\",\"conds\":["
                + "{\"type\":\"ok\",\"step\":0},{\"type\":\"not\",\"cond\":{\"type\":\"or\",\"conds\":["
                + "{\"type\":\"error\",\"step\":1},{\"type\":\"is_autocommit\"}]}}]}");
    }

    @Test
    void appendsCloseOnlyWhenAsked() throws Exception {
        byte[] withClose = HranaJson.pipeline(List.of(HranaJson.executeRequest(HranaStatement.of("SELECT 1"))), true);
        byte[] without = HranaJson.pipeline(List.of(HranaJson.executeRequest(HranaStatement.of("SELECT 1"))), false);
        assertThat(MAPPER.readTree(withClose).get("requests")).hasSize(2);
        assertThat(MAPPER.readTree(withClose).get("requests").get(1).get("type").asText()).isEqualTo("close");
        assertThat(MAPPER.readTree(without).get("requests")).hasSize(1);
        assertThat(MAPPER.readTree(without).get("baton").isNull()).isTrue();
    }

    @Test
    void decodesABatchResponseWithResultsErrorsAndSkippedSteps() {
        String body = "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"batch\","
                + "\"result\":{\"step_results\":[{\"cols\":[{\"name\":\"x\",\"decltype\":null}],"
                + "\"rows\":[[{\"type\":\"integer\",\"value\":\"3\"}]],\"affected_row_count\":0,"
                + "\"last_insert_rowid\":\"12\"},null,null],"
                + "\"step_errors\":[null,{\"message\":\"SQLite error: boom\",\"code\":\"SQLITE_ERROR\"},null]}}},"
                + "{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}";
        List<HranaJson.Entry> entries = HranaJson.pipelineResponse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(entries).hasSize(2);

        BatchResult result = HranaJson.batchResult(entries.get(0).response().get("result"));

        assertThat(result.succeeded(0)).isTrue();
        assertThat(result.stepResults().get(0).singleValue()).isEqualTo(3L);
        assertThat(result.stepResults().get(0).lastInsertRowid()).isEqualTo(12L);
        assertThat(result.failed(1)).isTrue();
        assertThat(result.stepErrors().get(1)).isEqualTo(new ServerError("SQLite error: boom", "SQLITE_ERROR"));
        assertThat(result.skipped(2)).isTrue();
    }

    @Test
    void decodesUnpaddedBase64Blobs() {
        Object value = HranaJson.decodeValue(MAPPER.createObjectNode().put("type", "blob").put("base64", "AQI"));
        assertThat((byte[]) value).containsExactly(1, 2);
    }
}
