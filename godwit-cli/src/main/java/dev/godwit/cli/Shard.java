package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One machine's slice of a fleet: {@code --shard I/N} (I from 1 to N). A database belongs to the shard whose
 * rendezvous score {@code sha256(name + "/" + shard)} is highest, so every machine decides alone, the slices cover the
 * fleet exactly once, a new tenant moves no other, and changing N moves only the databases the new shards win.
 *
 * @param index 1..count
 */
record Shard(int index, int count) {
    private static final Pattern GIVEN = Pattern.compile("(\\d+)/(\\d+)");

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new GodwitException(ErrorCode.USAGE, "--shard " + index + "/" + count + ": I must be between 1 and N",
                    "e.g. --shard 1/4 … --shard 4/4");
        }
    }

    /** {@code I/N}, or {@code auto}: a Kubernetes Indexed Job's {@code JOB_COMPLETION_INDEX} (0-based) + 1 of {@code GODWIT_SHARD_COUNT}. */
    static Shard parse(String text, Map<String, String> env) {
        if (text.equals("auto")) {
            String index = env.get("JOB_COMPLETION_INDEX");
            String count = env.get("GODWIT_SHARD_COUNT");
            if (index == null || count == null) {
                throw new GodwitException(ErrorCode.USAGE, "--shard auto needs JOB_COMPLETION_INDEX and "
                        + "GODWIT_SHARD_COUNT in the environment" + (index == null ? "; JOB_COMPLETION_INDEX is not set"
                        : "; GODWIT_SHARD_COUNT is not set"), "in an Indexed Job set GODWIT_SHARD_COUNT to the Job's "
                        + "completions (see 'Fleets' in the README), or give --shard I/N");
            }
            try {
                return new Shard(Integer.parseInt(index.strip()) + 1, Integer.parseInt(count.strip()));
            } catch (NumberFormatException e) {
                throw new GodwitException(ErrorCode.USAGE, "--shard auto: JOB_COMPLETION_INDEX=" + index
                        + " and GODWIT_SHARD_COUNT=" + count + " must be numbers", "set them to whole numbers");
            }
        }
        Matcher m = GIVEN.matcher(text.strip());
        if (!m.matches()) {
            throw new GodwitException(ErrorCode.USAGE, "--shard " + text + ": expected I/N or auto",
                    "e.g. --shard 2/4 (the second of four machines)");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    boolean owns(String name) {
        return owner(name, count) == index;
    }

    /** The shard (1..count) a database of this name belongs to. */
    static int owner(String name, int count) {
        int best = 1;
        long bestScore = Long.MIN_VALUE;
        for (int s = 1; s <= count; s++) {
            long score = score(name + "/" + s);
            if (score > bestScore) {
                bestScore = score;
                best = s;
            }
        }
        return best;
    }

    private static long score(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
