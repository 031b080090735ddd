package dev.godwit.source;

/** A resource held in memory, for format tests that need no folder. */
record TextResource(String name, String text) implements Resource {
    @Override
    public String read() {
        return text;
    }
}
