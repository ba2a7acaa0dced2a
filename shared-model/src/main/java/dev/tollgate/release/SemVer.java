package dev.tollgate.release;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version, ordered by precedence: numeric core, then a release above
 * any of its pre-releases, pre-release identifiers compared numerically or in ASCII order, a longer
 * list above its prefix. Build metadata is kept but never orders.
 */
public final class SemVer implements Comparable<SemVer> {

    public static final int MAX_LENGTH = 64;
    private static final String NUMBER = "0|[1-9]\\d{0,8}";
    private static final String PRE_ID = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile("(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
            + "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private final int major;
    private final int minor;
    private final int patch;
    private final List<String> preRelease;
    private final Optional<String> build;

    private SemVer(int major, int minor, int patch, List<String> preRelease, Optional<String> build) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = preRelease;
        this.build = build;
    }

    /** @throws IllegalArgumentException naming the rule the text breaks */
    public static SemVer parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a version is 1 to " + MAX_LENGTH + " characters of Semantic Versioning 2.0.0");
        }
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Semantic Versioning 2.0.0 version (MAJOR.MINOR.PATCH[-pre][+build])");
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                pre, Optional.ofNullable(m.group(5)));
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    public Optional<String> build() {
        return build;
    }

    @Override
    public int compareTo(SemVer other) {
        int core = Integer.compare(major, other.major);
        core = core != 0 ? core : Integer.compare(minor, other.minor);
        core = core != 0 ? core : Integer.compare(patch, other.patch);
        if (core != 0) {
            return core;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            int c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit);
        boolean numericB = b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            // Compare as numbers of any length: a longer one (no leading zeros) is larger.
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** Equal precedence (build metadata ignored). */
    public boolean sameAs(SemVer other) {
        return compareTo(other) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemVer v && toString().equals(v.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, preRelease, build);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            text.append('-').append(String.join(".", preRelease));
        }
        build.ifPresent(b -> text.append('+').append(b));
        return text.toString();
    }

    /** For tests and listings: the versions in ascending precedence. */
    public static List<SemVer> sorted(String... versions) {
        List<SemVer> list = new ArrayList<>(Arrays.stream(versions).map(SemVer::parse).toList());
        list.sort(null);
        return list;
    }
}
