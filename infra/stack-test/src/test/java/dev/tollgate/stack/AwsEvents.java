package dev.tollgate.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Events in the shapes AWS publishes (Lambda developer guide examples): API Gateway HTTP API
 * payload format 2.0, the SQS event source's batch, and EventBridge's "Scheduled Event".
 */
final class AwsEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One HTTP API per test JVM, named as API Gateway names them (10 lower-case characters). */
    static final String API_ID = randomId(10);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private AwsEvents() {
    }

    /** A request as a client sends it; {@link HttpApiRequest#toEvent} makes the event for its route. */
    static HttpApiRequest httpApi(String method, String pathAndQuery) {
        return new HttpApiRequest(method.toUpperCase(Locale.ROOT), pathAndQuery);
    }

    /** A client's HTTP request, built up and then turned into the 2.0 event API Gateway would send. */
    static final class HttpApiRequest {
        private final String method;
        private final String path;
        private final String rawQueryString;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;
        private Map<String, String> jwtClaims;
        private List<String> jwtScopes;
        private String sourceIp = "198.51.100.7";

        private HttpApiRequest(String method, String pathAndQuery) {
            int q = pathAndQuery.indexOf('?');
            this.method = method;
            this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            this.rawQueryString = q < 0 ? "" : pathAndQuery.substring(q + 1);
            headers.put("user-agent", "tollgate-stack-test");
        }

        String method() {
            return method;
        }

        String path() {
            return path;
        }

        /** A header as API Gateway passes it on, or null. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** API Gateway lower-cases header names and joins repeated values with commas. */
        HttpApiRequest header(String name, String value) {
            headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
            return this;
        }

        HttpApiRequest jsonBody(String json) {
            header("content-type", "application/json");
            this.body = json;
            return this;
        }

        /**
         * What the route's JWT authorizer passes on after accepting a token: its claims (API
         * Gateway gives every claim as a string; arrays look like {@code "[a b]"}) and scopes.
         */
        HttpApiRequest jwt(Map<String, String> claims, List<String> scopes) {
            this.jwtClaims = claims;
            this.jwtScopes = scopes;
            return this;
        }

        HttpApiRequest sourceIp(String ip) {
            this.sourceIp = ip;
            return this;
        }

        /** The payload format 2.0 event API Gateway sends the route's function. Cookies are omitted. */
        String toEvent(SamTemplate.RouteMatch match, String accountId, String region) {
            Instant now = Instant.now();
            String domain = API_ID + ".execute-api." + region + ".amazonaws.com";
            Map<String, String> sent = new LinkedHashMap<>(headers);
            sent.put("host", domain);
            sent.put("x-forwarded-for", sourceIp);
            sent.put("x-forwarded-port", "443");
            sent.put("x-forwarded-proto", "https");
            sent.put("x-amzn-trace-id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + randomHex(24));
            if (body != null) {
                sent.put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
            }

            ObjectNode event = JSON.createObjectNode();
            event.put("version", "2.0");
            event.put("routeKey", match.route().routeKey());
            event.put("rawPath", path);
            event.put("rawQueryString", rawQueryString);
            ObjectNode headerNode = event.putObject("headers");
            sent.forEach(headerNode::put);
            if (!rawQueryString.isEmpty()) {
                ObjectNode query = event.putObject("queryStringParameters");
                queryParameters().forEach(query::put);
            }
            if (!match.pathParameters().isEmpty()) {
                ObjectNode params = event.putObject("pathParameters");
                match.pathParameters().forEach(params::put);
            }
            ObjectNode context = event.putObject("requestContext");
            context.put("accountId", accountId);
            context.put("apiId", API_ID);
            if (jwtClaims != null) {
                ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
                ObjectNode claims = jwt.putObject("claims");
                jwtClaims.forEach(claims::put);
                if (jwtScopes == null) {
                    jwt.putNull("scopes");
                } else {
                    ArrayNode scopes = jwt.putArray("scopes");
                    jwtScopes.forEach(scopes::add);
                }
            }
            context.put("domainName", domain);
            context.put("domainPrefix", API_ID);
            ObjectNode http = context.putObject("http");
            http.put("method", method);
            http.put("path", path);
            http.put("protocol", "HTTP/1.1");
            http.put("sourceIp", sourceIp);
            http.put("userAgent", headers.getOrDefault("user-agent", ""));
            context.put("requestId", randomBase64(10));
            context.put("routeKey", match.route().routeKey());
            context.put("stage", "$default");
            context.put("time", REQUEST_TIME.format(now));
            context.put("timeEpoch", now.toEpochMilli());
            if (body != null) {
                event.put("body", body);
            }
            event.put("isBase64Encoded", false);
            return event.toString();
        }

        /** Decoded, repeated names joined with commas, as API Gateway does. */
        private Map<String, String> queryParameters() {
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : rawQueryString.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.merge(name, value, (a, b) -> a + "," + b);
            }
            return params;
        }
    }

    /**
     * The SQS event source's batch for messages really received from a queue (receive them with
     * every system and message attribute): what Lambda hands a function subscribed to that queue.
     */
    static String sqs(List<Message> messages, String queueArn, String region) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            for (MessageSystemAttributeName name : List.of(
                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, MessageSystemAttributeName.SENT_TIMESTAMP,
                    MessageSystemAttributeName.SENDER_ID, MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP)) {
                String value = m.attributes().get(name);
                if (value == null) {
                    throw new IllegalArgumentException("message " + m.messageId() + " was received without " + name
                            + ": receive with messageSystemAttributeNames(ALL)");
                }
                attributes.put(name.toString(), value);
            }
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            m.messageAttributes().forEach((name, value) -> messageAttributes.set(name, messageAttribute(value)));
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return event.toString();
    }

    private static ObjectNode messageAttribute(MessageAttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        node.putArray("stringListValues");
        node.putArray("binaryListValues");
        node.put("dataType", value.dataType());
        return node;
    }

    /** EventBridge's "Scheduled Event" for a rule (Schedule events; ScheduleV2 targets get their Input instead). */
    static String scheduled(String ruleArn, String accountId, String region) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", accountId);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        event.put("region", region);
        event.putArray("resources").add(ruleArn);
        event.putObject("detail");
        return event.toString();
    }

    /**
     * What EventBridge Scheduler's default target input is for a ScheduleV2 event (no Input set): the
     * scheduled-event shape with source {@code aws.scheduler} and {@code detail} as the string "{}".
     */
    static String schedulerEvent(String scheduleArn, String accountId, String region) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.scheduler");
        event.put("account", accountId);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        event.put("region", region);
        event.putArray("resources").add(scheduleArn);
        event.put("detail", "{}");
        return event.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String randomId(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
