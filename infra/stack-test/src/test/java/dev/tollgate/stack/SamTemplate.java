package dev.tollgate.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sam-template.yaml as data: resources, parameters, and each AWS::Serverless::Function with the
 * Globals merged in, its environment (still unresolved: see {@link Intrinsics}) and its events. The
 * HTTP API routes are matched as API Gateway matches them, so a test reaches a function only through
 * a route the template really declares. The template uses long-form intrinsics only, so it is plain
 * YAML.
 */
final class SamTemplate {

    static final String FUNCTION = "AWS::Serverless::Function";

    record Resource(String logicalId, String type, JsonNode properties) {
    }

    /** One entry of a function's Events: HttpApi, SQS, Schedule, ScheduleV2... */
    record Event(String name, String type, JsonNode properties) {
    }

    /** The name of the template condition a resource is created under, if any. */
    Optional<String> conditionOf(String logicalId) {
        JsonNode condition = root.path("Resources").path(logicalId).path("Condition");
        return condition.isTextual() ? Optional.of(condition.asText()) : Optional.empty();
    }

    /** A condition's definition under Conditions. */
    JsonNode condition(String name) {
        JsonNode node = root.path("Conditions").path(name);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name + " in " + file);
        }
        return node;
    }

    /** A function as Lambda would configure it (Globals.Function merged, the function's own values winning). */
    record Function(String logicalId, String handler, String codeUri, int memoryMb, int timeoutSeconds,
                    Map<String, JsonNode> environment, List<Event> events) {

        List<Event> events(String type) {
            return events.stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    /** An HttpApi route: "METHOD /path" (method may be ANY) to a function, with its authorizer if any. */
    record Route(String method, String path, Function function, Optional<String> authorizer) {

        String routeKey() {
            return method + " " + path;
        }
    }

    /** The route API Gateway picks for a request, with the path variables it extracts. */
    record RouteMatch(Route route, Map<String, String> pathParameters) {
    }

    private final Path file;
    private final JsonNode root;

    private SamTemplate(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** The repository's template (the build passes its path; the default suits a run from this module). */
    static SamTemplate repository() {
        return read(Path.of(System.getProperty("tollgate.stack.template", "../../sam-template.yaml")));
    }

    static SamTemplate read(Path file) {
        try {
            return new SamTemplate(file.toAbsolutePath().normalize(), new YAMLMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The template's folder: the repository's root. */
    Path folder() {
        return file.getParent();
    }

    /** CodeUri is relative to the template's folder, as for {@code sam deploy}. */
    Path codePath(Function function) {
        return file.getParent().resolve(function.codeUri()).normalize();
    }

    List<Resource> resources() {
        List<Resource> all = new ArrayList<>();
        root.path("Resources").properties().forEach(e ->
                all.add(new Resource(e.getKey(), e.getValue().path("Type").asText(), e.getValue().path("Properties"))));
        return all;
    }

    Resource resource(String logicalId) {
        JsonNode node = root.path("Resources").path(logicalId);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no resource " + logicalId + " in " + file);
        }
        return new Resource(logicalId, node.path("Type").asText(), node.path("Properties"));
    }

    boolean hasParameter(String name) {
        return root.path("Parameters").has(name);
    }

    Optional<String> parameterDefault(String name) {
        JsonNode value = root.path("Parameters").path(name).path("Default");
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    List<Function> functions() {
        return resources().stream().filter(r -> r.type().equals(FUNCTION)).map(r -> function(r.logicalId())).toList();
    }

    Function function(String logicalId) {
        Resource resource = resource(logicalId);
        if (!resource.type().equals(FUNCTION)) {
            throw new IllegalArgumentException(logicalId + " is a " + resource.type() + ", not a function");
        }
        JsonNode globals = root.path("Globals").path("Function");
        JsonNode own = resource.properties();
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        globals.path("Environment").path("Variables").properties().forEach(e -> environment.put(e.getKey(), e.getValue()));
        own.path("Environment").path("Variables").properties().forEach(e -> environment.put(e.getKey(), e.getValue()));
        List<Event> events = new ArrayList<>();
        own.path("Events").properties().forEach(e ->
                events.add(new Event(e.getKey(), e.getValue().path("Type").asText(), e.getValue().path("Properties"))));
        return new Function(logicalId,
                setting(own, globals, "Handler").asText(),
                setting(own, globals, "CodeUri").asText(),
                setting(own, globals, "MemorySize").asInt(128),  // Lambda's defaults when neither says
                setting(own, globals, "Timeout").asInt(3),
                Map.copyOf(environment), List.copyOf(events));
    }

    /** A function setting as written (Globals merged): an intrinsic such as Fn::If stays unresolved. */
    JsonNode setting(String logicalId, String name) {
        return setting(resource(logicalId).properties(), root.path("Globals").path("Function"), name);
    }

    private static JsonNode setting(JsonNode own, JsonNode globals, String name) {
        return own.has(name) ? own.get(name) : globals.path(name);
    }

    /** Every HttpApi event of every function, as a route. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Function function : functions()) {
            for (Event event : function.events("HttpApi")) {
                JsonNode p = event.properties();
                routes.add(new Route(p.path("Method").asText("ANY").toUpperCase(), p.path("Path").asText(), function,
                        authorizer(p)));
            }
        }
        return routes;
    }

    /** The event's Auth.Authorizer, else the API's DefaultAuthorizer; NONE means an open route. */
    private Optional<String> authorizer(JsonNode eventProperties) {
        String name = eventProperties.path("Auth").path("Authorizer").asText(null);
        if (name == null) {
            String api = eventProperties.path("ApiId").path("Ref").asText(null);
            if (api != null) {
                name = root.path("Resources").path(api).path("Properties").path("Auth").path("DefaultAuthorizer").asText(null);
            }
        }
        return name == null || name.equals("NONE") ? Optional.empty() : Optional.of(name);
    }

    /**
     * The route API Gateway (HTTP API) chooses for a request, or an AssertionError when the template
     * has none (API Gateway's 404): a full match, literal segments beating {@code {name}} variables
     * from the left, then the greedy {@code {proxy+}} route with the longest prefix; a route with the
     * request's own method beats ANY.
     */
    RouteMatch route(String method, String path) {
        String[] segments = segments(path);
        return routes().stream()
                .filter(r -> r.method().equals("ANY") || r.method().equalsIgnoreCase(method))
                .flatMap(r -> match(r, segments).map(params -> new RouteMatch(r, params)).stream())
                .min(Comparator.comparing((RouteMatch m) -> rank(m.route()))
                        .thenComparing(m -> m.route().method().equals("ANY")))
                .orElseThrow(() -> new AssertionError("no route in " + file.getFileName() + " for " + method + " " + path
                        + " (API Gateway answers 404 {\"message\":\"Not Found\"})"));
    }

    /** Sort key: exact routes before greedy ones; literal segments first, then the longest prefix. */
    private static String rank(Route route) {
        String[] template = segments(route.path());
        StringBuilder key = new StringBuilder(isGreedy(template) ? "1" : "0");
        key.append(String.format("%03d", 999 - template.length));
        for (String segment : template) {
            key.append(segment.startsWith("{") ? '1' : '0');
        }
        return key.toString();
    }

    private static Optional<Map<String, String>> match(Route route, String[] request) {
        String[] template = segments(route.path());
        boolean greedy = isGreedy(template);
        int fixed = greedy ? template.length - 1 : template.length;
        if (greedy ? request.length <= fixed : request.length != fixed) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < fixed; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), decode(request[i]));
            } else if (!t.equals(request[i])) {
                return Optional.empty();
            }
        }
        if (greedy) {
            String name = template[fixed].substring(1, template[fixed].length() - 2);
            params.put(name, decode(String.join("/", List.of(request).subList(fixed, request.length))));
        }
        return Optional.of(params);
    }

    private static boolean isGreedy(String[] template) {
        return template.length > 0 && template[template.length - 1].endsWith("+}");
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** API Gateway hands path variables to the integration URL-decoded. */
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
