package dev.tollgate.release;

import dev.tollgate.license.Product;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of the release catalog. SHA-256 and size are what Tollgate computed from the stored
 * artifact; the update script checks its download against them.
 */
public record Release(Product product, SemVer version, String channel, String objectKey, String fileName,
                      String sha256Hex, long size, Instant publishedAt, boolean yanked, Optional<String> notes) {

    public static final String STABLE = "stable";
    public static final int MAX_NOTES = 2000;
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    public Release {
        Objects.requireNonNull(product);
        Objects.requireNonNull(version);
        Objects.requireNonNull(publishedAt);
        Objects.requireNonNull(notes);
        if (!isValidChannel(channel)) {
            throw new IllegalArgumentException("a channel is 1 to 20 characters of a-z, 0-9 and '-', starting with a letter");
        }
        if (!isValidFileName(fileName)) {
            throw new IllegalArgumentException("a file name is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '+' and '-'");
        }
        if (sha256Hex == null || !SHA256.matcher(sha256Hex).matches() || size < 0) {
            throw new IllegalArgumentException("an artifact has a lower-case hex SHA-256 and a size");
        }
        if (notes.map(String::length).orElse(0) > MAX_NOTES) {
            throw new IllegalArgumentException("release notes are at most " + MAX_NOTES + " characters");
        }
        Objects.requireNonNull(objectKey);
    }

    public Release asYanked() {
        return new Release(product, version, channel, objectKey, fileName, sha256Hex, size, publishedAt, true, notes);
    }

    public static boolean isValidChannel(String channel) {
        return channel != null && CHANNEL.matcher(channel).matches();
    }

    public static boolean isValidFileName(String fileName) {
        return fileName != null && FILE_NAME.matcher(fileName).matches() && !fileName.contains("..");
    }

    /** Where a release's artifact is kept: one folder per product and version. */
    public static String objectKeyFor(Product product, SemVer version, String fileName) {
        return product.id() + "/" + version + "/" + fileName;
    }

    /**
     * Whether someone following {@code channel} is offered this release: the stable channel sees
     * stable releases; any other channel sees its own releases and the stable ones.
     */
    public boolean offeredOn(String followed) {
        return channel.equals(followed) || channel.equals(STABLE);
    }
}
