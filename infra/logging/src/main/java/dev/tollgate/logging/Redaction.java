package dev.tollgate.logging;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what the privacy promise keeps out of logs: licence keys, authorization values, JWTs,
 * API keys, secrets in key/value form and e-mail addresses, each replaced by
 * {@code [REDACTED:<kind>]}. What operators need (UUIDs, request ids, 64-hex key digests, tenant
 * ids, times, versions, route templates, class names, URLs without credentials) comes through.
 *
 * <p>Every log line passes through here, so one linear scan first decides which rules can apply at
 * all; an ordinary line costs that scan and nothing else. Output is idempotent: redacting twice
 * gives the same line.
 */
public final class Redaction {

    private static final String MARK = "[REDACTED:";

    // What the first scan saw; each rule runs only when its trigger was seen.
    private static final int AT = 1;          // '@' or %40: e-mail, URL user info
    private static final int JWT = 1 << 1;    // "eyJ"
    private static final int SCHEME = 1 << 2; // bearer / basic / token
    private static final int NAME = 1 << 3;   // a sensitive key name (needs SEP as well)
    private static final int SEP = 1 << 4;    // ':' or '='
    private static final int SK = 1 << 5;     // "sk-"
    private static final int AWS = 1 << 6;    // AKIA / ASIA / ABIA / ACCA
    private static final int KEY = 1 << 7;    // a 28+ character run or 6+ groups of four: a licence key's shape

    // A key is sensitive when its name ends in one of these (case aside): clientSecret, x-api-key,
    // X-Amz-Security-Token, aws_secret_access_key. keyDigest, inputTokens and secretArn are not.
    private static final List<String> SENSITIVE_ENDINGS = List.of("password", "passwd", "passphrase", "pwd",
            "secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key",
            "privatekey", "private_key", "private-key", "credential", "credentials", "authorization", "auth",
            "signature", "licensekey", "license_key", "license-key", "licencekey", "licence_key", "licence-key");

    // A key and its separator; not after ':' (arn:aws:secretsmanager:...:secret:name is a name).
    private static final Pattern KEY_AND_SEPARATOR =
            Pattern.compile("(?<![A-Za-z0-9_:-])([A-Za-z0-9_.-]{1,64})(?:\\\\?[\"'])?(\\s*[:=]\\s*)");
    // The value after the separator: escaped-JSON string, JSON string, quoted, or bare (after an
    // optional scheme word, which stays); a bare value never starts an object or array.
    private static final Pattern VALUE = Pattern.compile("\\\\\"(.*?)\\\\\"|\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'"
            + "|((?:bearer|basic|token|digest|apikey)\\s+)?+(?![{\\[])([^\\s\"'&,;}\\]\\\\]+)", Pattern.CASE_INSENSITIVE);

    private static final List<Rule> RULES = List.of(
            // user info in a URL: https://user:pass@host
            rule(AT, Pattern.compile("(?<=://)[^\\s/?#@\\[\\]]++@"),
                    m -> MARK + "url-credentials]@"),
            rule(JWT, Pattern.compile(
                    "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{6,}(?:\\.[A-Za-z0-9_-]*){1,3}"),
                    m -> MARK + "jwt]"),
            // Authorization schemes in prose or headers: keep the scheme, drop the credential.
            rule(SCHEME, Pattern.compile("(?i)(?<![A-Za-z0-9_-])(bearer|basic|token)(\\s+)([A-Za-z0-9._~+/=-]+)"),
                    Redaction::scheme),
            // name=value, name: value, "name":"value" (also inside escaped JSON), for sensitive names.
            new Rule(NAME | SEP, Redaction::keyValues),
            rule(SK, Pattern.compile("(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{16,}"),
                    m -> MARK + "anthropic-key]"),
            rule(SK, Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}"),
                    m -> MARK + "openai-key]"),
            rule(AWS, Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
                    m -> MARK + "aws-access-key]"),
            // Prefix of 2-10 letters, then 28 characters: grouped by four or not at all.
            rule(KEY, Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2,10}[- ]?"
                    + "(?:[0-9A-Za-z]{4}(?:[- ][0-9A-Za-z]{4}){6}|[0-9A-Za-z]{28})(?![A-Za-z0-9]|-[A-Za-z0-9])"),
                    Redaction::licenceKey),
            rule(AT, Pattern.compile("(?<![A-Za-z0-9._+-])[A-Za-z0-9._+-]++(?:@|%40)[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++)++"),
                    Redaction::email));

    private Redaction() {
    }

    /** The text with every secret replaced; the same instance when there was nothing to replace. */
    public static String redact(CharSequence text) {
        if (text == null) {
            return null;
        }
        String out = text.toString();
        int seen = scan(out);
        if (seen == 0) {
            return out;
        }
        for (Rule rule : RULES) {
            if ((seen & rule.trigger) == rule.trigger) {
                out = rule.apply().apply(out);
            }
        }
        return out;
    }

    /** One pass over the text: which rules could match. Cheap enough to run on every line. */
    static int scan(String s) {
        int seen = 0;
        int n = s.length();
        int run = 0;
        int groups = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '\0';
            if (c < 128 && Character.isLetterOrDigit(c)) {
                if (run == 0) {
                    seen |= stems(s, i, c);
                } else if (c == 's' || c == 'S' || c == 't' || c == 'T' || c == 'p' || c == 'P'
                        || c == 'a' || c == 'A' || c == 'c' || c == 'C' || c == 'l' || c == 'L') {
                    // names like clientSecret, openaiApiKey, accessToken, userLicenseKey: stems
                    // inside a word. (A name ending in "key" is only sensitive after api, access,
                    // private or licence, which trigger by themselves: keyDigest costs nothing.)
                    seen |= stems(s, i, c) & NAME;
                }
                run++;
                continue;
            }
            if (run == 4) {
                if (++groups >= 6) {
                    seen |= KEY;
                }
            } else {
                groups = 0;
            }
            if (run >= 28) {
                seen |= KEY;
            }
            run = 0;
            switch (c) {
                case '-', ' ' -> { }
                case '@' -> { seen |= AT; groups = 0; }
                case '%' -> {
                    if (s.startsWith("40", i + 1)) {
                        seen |= AT;
                    }
                    groups = 0;
                }
                case ':', '=' -> { seen |= SEP; groups = 0; }
                default -> groups = 0;
            }
        }
        return seen;
    }

    private static int stems(String s, int i, char c) {
        switch (c) {
            case 'e':
                return s.startsWith("eyJ", i) ? JWT : 0;
            case 's', 'S':
                if (s.startsWith("sk-", i)) {
                    return SK;
                }
                return at(s, i, "secret") || at(s, i, "signature") ? NAME : 0;
            case 'p', 'P':
                return at(s, i, "pass") || at(s, i, "pwd") || at(s, i, "private") ? NAME : 0;
            case 't', 'T':
                return at(s, i, "token") ? NAME | SCHEME : 0;
            case 'a', 'A':
                if (s.startsWith("AKIA", i) || s.startsWith("ASIA", i) || s.startsWith("ABIA", i)
                        || s.startsWith("ACCA", i)) {
                    return AWS;
                }
                return at(s, i, "auth") || at(s, i, "api") || at(s, i, "access") ? NAME : 0;
            case 'b', 'B':
                return at(s, i, "bearer") || at(s, i, "basic") ? SCHEME : 0;
            case 'c', 'C':
                return at(s, i, "credential") ? NAME : 0;
            case 'l', 'L':
                return at(s, i, "licen") ? NAME : 0;
            default:
                return 0;
        }
    }

    private static boolean at(String s, int i, String stem) {
        return s.regionMatches(true, i, stem, 0, stem.length());
    }

    private static String scheme(Matcher m) {
        String scheme = m.group(1);
        String credential = m.group(3);
        boolean token = scheme.equalsIgnoreCase("token");
        if (!secretLike(credential, token ? 16 : 8)) {
            return null;
        }
        return scheme + m.group(2) + MARK + scheme.toLowerCase(Locale.ROOT) + "]";
    }

    /**
     * Finds each key and separator, and only for a sensitive key reads the value. Scanning goes on
     * right after each separator, so a pair nested in another value (url=https://x?token=abc) is
     * still found.
     */
    private static String keyValues(String s) {
        Matcher key = KEY_AND_SEPARATOR.matcher(s);
        Matcher value = VALUE.matcher(s);
        StringBuilder out = null;
        int last = 0;
        int from = 0;
        while (from < s.length() && key.find(from)) {
            from = key.end();
            String name = key.group(1).toLowerCase(Locale.ROOT);
            if (!isSensitive(name)) {
                continue;
            }
            value.region(key.end(), s.length());
            if (!value.lookingAt()) {
                continue;
            }
            int group = value.start(1) >= 0 ? 1 : value.start(2) >= 0 ? 2 : value.start(3) >= 0 ? 3 : 5;
            if (!secretValue(value.group(group), group == 5, key.group(2), value.start(4) >= 0, kindOf(name))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16);
            }
            out.append(s, last, value.start(group)).append(MARK).append(kindOf(name)).append(']');
            last = value.end(group);
            from = value.end();
        }
        return out == null ? s : out.append(s, last, s.length()).toString();
    }

    private static boolean isSensitive(String name) {
        for (String ending : SENSITIVE_ENDINGS) {
            if (name.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean secretValue(String value, boolean bare, String separator, boolean afterScheme, String kind) {
        if (value.isEmpty() || value.startsWith(MARK)) {
            return false;
        }
        if (!bare) {
            return true;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false") || lower.equals("null")) {
            return false;
        }
        boolean password = kind.equals("password");
        // credentials=2, tokens counted: a bare number is a count, except for a password.
        if (isNumber(value) && !password) {
            return false;
        }
        // "token: expired" is prose; "token:abc", "token=abc", "Authorization: Bearer abc" and
        // "password: hunter2" are not.
        boolean prose = separator.indexOf(':') >= 0 && !separator.equals(":") && !afterScheme && !password;
        return !prose || secretLike(value, 8);
    }

    private static String kindOf(String n) {
        if (n.contains("licen")) {
            return "licence-key";
        }
        if (n.contains("pass") || n.endsWith("pwd")) {
            return "password";
        }
        if (n.endsWith("auth") || n.endsWith("authorization")) {
            return "authorization";
        }
        if (n.endsWith("token")) {
            return "token";
        }
        if (n.contains("api")) {
            return "api-key";
        }
        return "secret";
    }

    private static String licenceKey(Matcher m) {
        String match = m.group();
        StringBuilder compact = new StringBuilder(38);
        boolean spaces = false;
        boolean hyphens = false;
        for (int i = 0; i < match.length(); i++) {
            char c = match.charAt(i);
            if (c == ' ') {
                spaces = true;
            } else if (c == '-') {
                hyphens = true;
            } else {
                compact.append(c);
            }
        }
        String body = compact.substring(compact.length() - 28);
        boolean digit = false;
        boolean beyondHex = false;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                upper |= Character.isUpperCase(c);
                lower |= Character.isLowerCase(c);
                char u = Character.toUpperCase(c);
                beyondHex |= u > 'F';
            }
        }
        // A real body has 28 random base32 characters: all-hex ones are digests and trace ids.
        // Without hyphens between the groups the shape is weak (seven four-letter words of prose,
        // a long identifier or base64 id), so those also need one case and a digit.
        boolean hyphenated = hyphens && !spaces;
        if (!beyondHex || (!hyphenated && ((upper && lower) || !digit))) {
            return null;
        }
        return MARK + "licence-key]";
    }

    private static String email(Matcher m) {
        String match = m.group();
        int dot = match.lastIndexOf('.');
        String tld = match.substring(dot + 1);
        if (tld.length() < 2) {
            return null;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (!Character.isLetter(tld.charAt(i))) {
                return null; // zendesk-mcp@1.4.0, Object@1a2b.3c
            }
        }
        return MARK + "email]";
    }

    private static boolean isNumber(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Not a word of prose: long enough, with a digit, an inner capital, or base64 punctuation. */
    private static boolean secretLike(String value, int minLength) {
        if (value.length() < minLength) {
            return false;
        }
        boolean innerUpper = false;
        boolean lower = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '~') {
                return true;
            }
            innerUpper |= i > 0 && Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
        }
        return innerUpper && lower;
    }

    private record Rule(int trigger, UnaryOperator<String> apply) {
    }

    /** Replaces each match the replacement accepts (a null replacement keeps the match). */
    private static Rule rule(int trigger, Pattern pattern, Function<Matcher, String> replacement) {
        return new Rule(trigger, s -> {
            Matcher m = pattern.matcher(s);
            StringBuilder out = null;
            int last = 0;
            while (m.find()) {
                String replaced = replacement.apply(m);
                if (replaced != null) {
                    if (out == null) {
                        out = new StringBuilder(s.length());
                    }
                    out.append(s, last, m.start()).append(replaced);
                    last = m.end();
                }
            }
            return out == null ? s : out.append(s, last, s.length()).toString();
        });
    }
}
