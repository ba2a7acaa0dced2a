package dev.tollgate.license;

/** What a raw licence key string turned out to be: a well-formed key, or a malformed one and why. */
public sealed interface ParsedKey permits LicenseKey, MalformedKey {
}
