package dev.tollgate.local;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request's {@code Host} and {@code Origin} name this machine. Listening on 127.0.0.1 keeps
 * other machines out, but not a browser on this one: a page from evil.example whose name is rebound
 * to 127.0.0.1 (DNS rebinding) reaches the port with {@code Host: evil.example}, and a page that
 * posts across origins sends its own {@code Origin}. Both name a host that is not loopback.
 */
final class LoopbackRequests {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private LoopbackRequests() {
    }

    /** A {@code Host} header (required: HTTP/1.1 always sends it) and an optional {@code Origin}. */
    static boolean fromLoopback(String host, String origin) {
        return host != null && loopbackAuthority(host) && (origin == null || loopbackOrigin(origin));
    }

    /** {@code name} or {@code name:port}, the name one of the loopback names, the port digits only. */
    static boolean loopbackAuthority(String authority) {
        String value = authority.strip().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        if (colon > value.lastIndexOf(']')) {
            String port = value.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
                return false;
            }
            value = value.substring(0, colon);
        }
        return LOOPBACK.contains(value);
    }

    /** {@code http(s)://loopback[:port]} and nothing more; {@code null} (a sandboxed or file page) is refused. */
    static boolean loopbackOrigin(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getRawAuthority() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && loopbackAuthority(uri.getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
