package dev.tollgate.ticket;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what a tenant may not want a model provider to see, when it asked for that: API keys and
 * tokens, card numbers (only digit runs that pass the Luhn check, so order numbers and the like
 * stay), e-mail addresses and phone numbers (libphonenumber, so dates, versions, amounts and ids
 * that merely look numeric stay). Each becomes a bracketed label, so the model still knows one was there.
 */
public final class Redactor implements UnaryOperator<String> {

    public static final UnaryOperator<String> NONE = UnaryOperator.identity();

    /** Keys and tokens by their published formats, then "key: value" shapes for the rest. */
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{16,}"),
            Pattern.compile("\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"),
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{40,}"),
            Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"),
            Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            Pattern.compile("(?i)(?<=\\bbearer\\s)[A-Za-z0-9._~+/-]{16,}=*"),
            Pattern.compile("(?i)(?<=\\b(?:api[_-]?key|access[_-]?token|auth[_-]?token|secret|password|passwd|token)"
                    + "\\s?[:=]\\s?)[^\\s\"',;]{8,}"));
    private static final String SECRET = "[redacted key]";

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,}");
    private static final String REDACTED_EMAIL = "[redacted e-mail]";

    /** 13 to 19 digits, optionally grouped by single spaces or hyphens, not inside a longer number. */
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final String REDACTED_CARD = "[redacted card number]";

    private static final String REDACTED_PHONE = "[redacted phone number]";

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final List<String> regions;

    /**
     * @param regions where numbers written without a country code are read as local numbers
     *                (international numbers with {@code +} are found whatever the regions)
     */
    public Redactor(List<String> regions) {
        Set<String> supported = phones.getSupportedRegions();
        this.regions = regions.stream().filter(supported::contains).toList();
        if (this.regions.isEmpty()) {
            throw new IllegalArgumentException("no supported phone region among " + regions);
        }
    }

    @Override
    public String apply(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern secret : SECRETS) {
            out = secret.matcher(out).replaceAll(SECRET);
        }
        out = cards(out);
        out = EMAIL.matcher(out).replaceAll(REDACTED_EMAIL);
        return phoneNumbers(out);
    }

    private static String cards(String text) {
        Matcher m = CARD_CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            m.appendReplacement(out, luhnValid(digits) ? Matcher.quoteReplacement(REDACTED_CARD)
                    : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** VALID leniency: the number must be a valid number of its region, not merely number-shaped. */
    private String phoneNumbers(String text) {
        String out = text;
        for (String region : regions) {
            List<int[]> spans = new ArrayList<>();
            for (PhoneNumberMatch match : phones.findNumbers(out, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                spans.add(new int[] {match.start(), match.end()});
            }
            if (spans.isEmpty()) {
                continue;
            }
            StringBuilder replaced = new StringBuilder(out.length());
            int last = 0;
            for (int[] span : spans) {
                replaced.append(out, last, span[0]).append(REDACTED_PHONE);
                last = span[1];
            }
            out = replaced.append(out.substring(last)).toString();
        }
        return out;
    }
}
