package dev.godwit.sql;

/**
 * The lexical facts of one SQL dialect that decide where a statement ends. Placeholder: replaced by the real
 * splitter work (dialect differences are data here, not hooks).
 */
public record LexicalRules(String name) {
    public static final LexicalRules SQLITE = new LexicalRules("sqlite");
    public static final LexicalRules POSTGRES = new LexicalRules("postgresql");
}
