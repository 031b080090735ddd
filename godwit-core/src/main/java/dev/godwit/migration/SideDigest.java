package dev.godwit.migration;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Checksum.Digest} fed in chunks and, when the machine has a second core, run on a thread of its own: a
 * large file's statements are cut and executed on the caller's thread while its checksum is taken beside them, in the
 * same read of the file. At most {@link #QUEUED} chunks wait for the hashing thread (memory stays bounded; a
 * caller faster than the hash waits for it). One core: hashed in place.
 */
final class SideDigest implements AutoCloseable {
    /** Characters gathered before a chunk is handed over. */
    private static final int CHUNK = 1 << 16;
    private static final int QUEUED = 8;
    /** Marks the end of the text (compared by identity). */
    private static final String END = new String("end of text");

    private final Checksum.Digest digest = new Checksum.Digest();
    private final StringBuilder pending = new StringBuilder(CHUNK + 256);
    private final BlockingQueue<String> queue;
    private final Thread thread;
    private volatile String checksum;
    private volatile Throwable failure;

    SideDigest() {
        boolean side = Runtime.getRuntime().availableProcessors() > 1
                && Boolean.parseBoolean(System.getProperty("godwit.hashBeside", "true"));
        if (side) {
            queue = new ArrayBlockingQueue<>(QUEUED);
            thread = new Thread(this::hashQueued, "godwit-checksum");
            thread.setDaemon(true);
            thread.start();
        } else {
            queue = null;
            thread = null;
        }
    }

    /** Adds a piece of the text. */
    void add(String text) {
        pending.append(text);
        if (pending.length() >= CHUNK) {
            handOver();
        }
    }

    /** Adds one character of the text. */
    void add(char c) {
        pending.append(c);
    }

    /** The checksum of everything added; waits for the hashing thread to finish it. */
    String finish() {
        if (thread == null) {
            digest.add(pending, 0, pending.length());
            pending.setLength(0);
            return digest.finish();
        }
        handOver();
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the checksum was taken", e);
        }
        if (failure != null) {
            throw new IllegalStateException("taking the checksum failed", failure);
        }
        return checksum;
    }

    /** Stops the hashing thread if the text was not read to its end (a failed or abandoned read). */
    @Override
    public void close() {
        if (thread != null && thread.isAlive() && checksum == null) {
            thread.interrupt();
        }
    }

    private void handOver() {
        if (pending.length() == 0) {
            return;
        }
        if (thread == null) {
            digest.add(pending, 0, pending.length());
        } else {
            put(pending.toString());
        }
        pending.setLength(0);
    }

    private void put(String chunk) {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    return; // it failed: finish() says so
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the checksum was taken", e);
        }
    }

    private void hashQueued() {
        try {
            while (true) {
                String chunk = queue.take();
                if (chunk == END) {
                    checksum = digest.finish();
                    return;
                }
                digest.add(chunk, 0, chunk.length());
            }
        } catch (InterruptedException e) {
            // the read was abandoned: nothing to finish
        } catch (RuntimeException | Error e) {
            failure = e;
            queue.clear();
        }
    }
}
