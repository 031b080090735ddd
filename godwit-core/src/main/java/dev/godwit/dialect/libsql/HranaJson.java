package dev.godwit.dialect.libsql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON encoding of Hrana pipeline requests and responses (Hrana 2 and 3 share it for what Godwit sends).
 *
 * <p>Values: {@code {"type":"null"}}, {@code {"type":"integer","value":"42"}} (a string, so 64-bit integers
 * survive JavaScript parsers), {@code {"type":"float","value":1.5}}, {@code {"type":"text","value":"..."}},
 * {@code {"type":"blob","base64":"..."}}.
 */
final class HranaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HranaJson() {
    }

    /** One entry of a pipeline response: the response object when it succeeded, else the error. */
    record Entry(JsonNode response, ServerError error) {
    }

    static void checkArgument(Object arg) {
        if (arg == null || arg instanceof Long || arg instanceof Integer || arg instanceof Short
                || arg instanceof Byte || arg instanceof String || arg instanceof byte[]
                || arg instanceof Boolean) {
            return;
        }
        if (arg instanceof Double || arg instanceof Float) {
            double d = ((Number) arg).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("Hrana cannot carry " + d + " as a float argument");
            }
            return;
        }
        throw new IllegalArgumentException("Unsupported argument type " + arg.getClass().getName()
                + "; use null, Long, Integer, Double, String, byte[] or Boolean");
    }

    /** The request body for one pipeline: the given requests, then a {@code close} when asked for. */
    static byte[] pipeline(List<ObjectNode> requests, boolean close) {
        ObjectNode root = NODES.objectNode();
        root.putNull("baton");
        ArrayNode array = root.putArray("requests");
        requests.forEach(array::add);
        if (close) {
            array.addObject().put("type", "close");
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a Hrana request", e);
        }
    }

    static ObjectNode executeRequest(HranaStatement statement) {
        ObjectNode request = NODES.objectNode();
        request.put("type", "execute");
        request.set("stmt", statement(statement));
        return request;
    }

    static ObjectNode batchRequest(HranaBatch batch) {
        ObjectNode request = NODES.objectNode();
        request.put("type", "batch");
        ArrayNode steps = request.putObject("batch").putArray("steps");
        for (HranaBatch.Step step : batch.steps()) {
            ObjectNode node = steps.addObject();
            if (step.condition() != null) {
                node.set("condition", condition(step.condition()));
            }
            node.set("stmt", statement(step.statement()));
        }
        return request;
    }

    static ObjectNode statement(HranaStatement statement) {
        ObjectNode stmt = NODES.objectNode();
        stmt.put("sql", statement.sql());
        ArrayNode args = stmt.putArray("args");
        for (Object arg : statement.args()) {
            args.add(value(arg));
        }
        stmt.put("want_rows", true);
        return stmt;
    }

    static ObjectNode value(Object value) {
        ObjectNode node = NODES.objectNode();
        if (value == null) {
            node.put("type", "null");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            node.put("type", "integer").put("value", Long.toString(((Number) value).longValue()));
        } else if (value instanceof Boolean b) {
            node.put("type", "integer").put("value", b ? "1" : "0");
        } else if (value instanceof Double || value instanceof Float) {
            node.put("type", "float").put("value", ((Number) value).doubleValue());
        } else if (value instanceof String s) {
            node.put("type", "text").put("value", s);
        } else if (value instanceof byte[] bytes) {
            node.put("type", "blob").put("base64", Base64.getEncoder().withoutPadding().encodeToString(bytes));
        } else {
            checkArgument(value);
            throw new IllegalStateException("unreachable");
        }
        return node;
    }

    static ObjectNode condition(BatchCondition condition) {
        ObjectNode node = NODES.objectNode();
        if (condition instanceof BatchCondition.Ok ok) {
            node.put("type", "ok").put("step", ok.step());
        } else if (condition instanceof BatchCondition.Error error) {
            node.put("type", "error").put("step", error.step());
        } else if (condition instanceof BatchCondition.Not not) {
            node.put("type", "not").set("cond", condition(not.condition()));
        } else if (condition instanceof BatchCondition.And and) {
            ArrayNode conds = node.put("type", "and").putArray("conds");
            and.conditions().forEach(c -> conds.add(condition(c)));
        } else if (condition instanceof BatchCondition.Or or) {
            ArrayNode conds = node.put("type", "or").putArray("conds");
            or.conditions().forEach(c -> conds.add(condition(c)));
        } else if (condition instanceof BatchCondition.IsAutocommit) {
            node.put("type", "is_autocommit");
        } else {
            throw new IllegalStateException("unknown condition " + condition);
        }
        return node;
    }

    /** Parses a pipeline response body into one entry per request sent. */
    static List<Entry> pipelineResponse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedResponse("the response is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedResponse("the response cannot be read: " + e.getMessage());
        }
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray()) {
            throw new MalformedResponse("the response has no \"results\" array");
        }
        List<Entry> entries = new ArrayList<>(results.size());
        for (JsonNode result : results) {
            String type = result.path("type").asText();
            if ("ok".equals(type)) {
                entries.add(new Entry(result.path("response"), null));
            } else if ("error".equals(type)) {
                entries.add(new Entry(null, error(result.path("error"))));
            } else {
                throw new MalformedResponse("unknown result type '" + type + "'");
            }
        }
        return entries;
    }

    static StatementResult statementResult(JsonNode result) {
        if (result == null || !result.isObject()) {
            throw new MalformedResponse("a statement result is missing");
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode col : result.path("cols")) {
            columns.add(col.path("name").isNull() ? null : col.path("name").asText());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : result.path("rows")) {
            List<Object> values = new ArrayList<>(row.size());
            for (JsonNode value : row) {
                values.add(decodeValue(value));
            }
            rows.add(values);
        }
        long affected = result.path("affected_row_count").asLong(0);
        JsonNode rowid = result.get("last_insert_rowid");
        Long lastInsertRowid = rowid == null || rowid.isNull() ? null : parseInteger(rowid);
        return new StatementResult(columns, rows, affected, lastInsertRowid);
    }

    static BatchResult batchResult(JsonNode result) {
        JsonNode results = result.path("step_results");
        JsonNode errors = result.path("step_errors");
        if (!results.isArray() || !errors.isArray()) {
            throw new MalformedResponse("a batch result lacks step_results or step_errors");
        }
        List<StatementResult> stepResults = new ArrayList<>(results.size());
        for (JsonNode step : results) {
            stepResults.add(step.isNull() ? null : statementResult(step));
        }
        List<ServerError> stepErrors = new ArrayList<>(errors.size());
        for (JsonNode step : errors) {
            stepErrors.add(step.isNull() ? null : error(step));
        }
        return new BatchResult(stepResults, stepErrors);
    }

    static Object decodeValue(JsonNode value) {
        String type = value.path("type").asText();
        switch (type) {
            case "null":
                return null;
            case "integer":
                return parseInteger(value.path("value"));
            case "float":
                return value.path("value").asDouble();
            case "text":
                return value.path("value").asText();
            case "blob":
                return Base64.getDecoder().decode(value.path("base64").asText());
            default:
                throw new MalformedResponse("unknown value type '" + type + "'");
        }
    }

    private static Long parseInteger(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        try {
            return Long.parseLong(node.asText());
        } catch (NumberFormatException e) {
            throw new MalformedResponse("an integer value is not a 64-bit integer");
        }
    }

    private static ServerError error(JsonNode error) {
        String message = error.path("message").asText("unknown error");
        JsonNode code = error.get("code");
        return new ServerError(message, code == null || code.isNull() ? "" : code.asText());
    }

    /** The server answered 200 with something that is not a Hrana pipeline response. */
    static final class MalformedResponse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedResponse(String message) {
            super(message);
        }
    }
}
