package dev.godwit.dialect;

import dev.godwit.DatabaseUrl;

/** Redaction of database messages, which sometimes echo the connection URL. */
final class DatabaseUrlText {
    private DatabaseUrlText() {
    }

    static String redact(String message) {
        if (message == null) {
            return "(no message)";
        }
        StringBuilder out = new StringBuilder();
        for (String word : message.split("(?<=\\s)|(?=\\s)")) {
            out.append(word.contains("://") || word.contains("password=") ? DatabaseUrl.redact(word) : word);
        }
        return out.toString();
    }
}
