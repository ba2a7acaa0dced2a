package dev.tollgate.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.embedded.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's stateful resources created on one moto_server, with physical names generated as
 * CloudFormation does ({@code tollgate-LicensesTable-1A2B3C4D5E6F}), so nothing can lean on a
 * hand-picked name. Emulated: DynamoDB tables (attributes, keys, indexes, billing mode, TTL), SQS
 * queues (every queue attribute, redrive policy), S3 buckets, KMS keys (key spec and usage) and
 * aliases. Encryption settings, backups, key policies and rotation are not (moto has nothing to
 * check them with); resource types with nothing to emulate are listed by {@link #skipped()}.
 *
 * <p>Functions are not created here: {@link #launch} runs a function's zip with its template
 * environment resolved against these resources, plus {@link #emulatorEndpoints()}.
 */
final class MotoStack implements AutoCloseable {

    static final String STACK_NAME = "tollgate";
    static final String REGION = MotoServer.REGION;
    /** moto's default account: every ARN it makes names it. */
    static final String ACCOUNT_ID = "123456789012";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** What Ref gives for a created resource, and its Fn::GetAtt attributes. */
    private record Created(String ref, Map<String, String> attributes) {
    }

    private final URI endpoint;
    private final SamTemplate template;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Intrinsics intrinsics;
    private final Map<String, Created> created = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Set<String> creating = new HashSet<>();
    private final Map<String, String> functionNames = new ConcurrentHashMap<>();
    private final Map<String, String> upstreams = new ConcurrentHashMap<>();
    private final DynamoDbClient dynamoDb;
    private final KmsClient kms;
    private final SqsClient sqs;
    private final S3Client s3;

    private MotoStack(URI endpoint, SamTemplate template, Map<String, String> parameters) {
        this.endpoint = endpoint;
        this.template = template;
        this.parameters.putAll(parameters);
        this.intrinsics = new Intrinsics(template, this.parameters, REGION, ACCOUNT_ID, new Intrinsics.Resources() {
            @Override
            public String ref(String logicalId) {
                return resource(logicalId).ref();
            }

            @Override
            public String attribute(String logicalId, String attribute) {
                String value = resource(logicalId).attributes().get(attribute);
                if (value == null) {
                    throw new IllegalArgumentException(logicalId + " has no attribute " + attribute + " here");
                }
                return value;
            }
        });
        this.dynamoDb = client(DynamoDbClient.builder()).build();
        this.kms = client(KmsClient.builder()).build();
        this.sqs = client(SqsClient.builder()).build();
        this.s3 = client(S3Client.builder()).forcePathStyle(true).build();
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B client(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create());
    }

    /**
     * Creates every emulated resource of {@code template} on the moto_server at {@code endpoint}.
     *
     * @param parameters template parameter values, as {@code sam deploy --parameter-overrides}
     */
    static MotoStack provision(URI endpoint, SamTemplate template, Map<String, String> parameters) {
        MotoStack stack = new MotoStack(endpoint, template, parameters);
        for (SamTemplate.Resource resource : template.resources()) {
            if (!resource.type().equals(SamTemplate.FUNCTION)) {
                stack.create(resource.logicalId());
            }
        }
        return stack;
    }

    /** A later {@code sam deploy --parameter-overrides}: seen by functions launched from now on. */
    void overrideParameter(String name, String value) {
        parameters.put(name, value);
    }

    /**
     * An operator setting that points a function at a stand-in for an outside service (Zendesk's
     * base URL), or an emulator endpoint redirected through a measuring proxy: the one kind of
     * variable, besides {@link #emulatorEndpoints()}, a test may add (it wins over those).
     */
    void upstream(String variable, String value) {
        upstreams.put(variable, value);
    }

    /**
     * The only variables the harness adds to a function beyond its template environment and
     * Lambda's own: every Quarkus AWS client pointed at moto (path-style, as moto needs for S3).
     */
    Map<String, String> emulatorEndpoints() {
        return Map.of(
                "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoint.toString(),
                "QUARKUS_KMS_ENDPOINT_OVERRIDE", endpoint.toString(),
                "QUARKUS_SQS_ENDPOINT_OVERRIDE", endpoint.toString(),
                "QUARKUS_S3_ENDPOINT_OVERRIDE", endpoint.toString(),
                "QUARKUS_S3_PATH_STYLE_ACCESS", "true");
    }

    /** The function's environment as deployed: Globals and its own variables, every intrinsic resolved. */
    Map<String, String> templateEnvironment(SamTemplate.Function function) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> env.put(name, intrinsics.resolve(value)));
        return env;
    }

    /** Starts the zip the template's CodeUri names for {@code logicalId}. */
    PackagedFunction launch(String logicalId) {
        return launch(logicalId, template.codePath(template.function(logicalId)));
    }

    /** Starts {@code logicalId} with one template variable left out: does it refuse to start, naming it? */
    PackagedFunction launchWithout(String logicalId, String variable) {
        return launch(logicalId, template.codePath(template.function(logicalId)), env -> {
            if (env.remove(variable) == null) {
                throw new IllegalArgumentException(logicalId + " has no variable " + variable + " in the template");
            }
        });
    }

    /** Starts {@code logicalId} with its template environment changed by {@code edit} (a benchmark's profiler). */
    PackagedFunction launchEdited(String logicalId, java.util.function.Consumer<Map<String, String>> edit) {
        return launch(logicalId, template.codePath(template.function(logicalId)), edit);
    }

    /** Starts another build of {@code logicalId} (e.g. a saved zip) with the same configuration. */
    PackagedFunction launch(String logicalId, Path zip) {
        return launch(logicalId, zip, env -> { });
    }

    /** Starts another build of {@code logicalId} with its template environment changed by {@code edit}. */
    PackagedFunction launch(String logicalId, Path zip, java.util.function.Consumer<Map<String, String>> edit) {
        return launch(logicalId, zip, template.function(logicalId).handler(), edit);
    }

    /** Starts {@code zip} as {@code logicalId} is deployed (its environment, memory, runtime), with another handler. */
    PackagedFunction launch(String logicalId, Path zip, String handler, java.util.function.Consumer<Map<String, String>> edit) {
        if (!deployed(logicalId)) {
            throw new IllegalStateException(logicalId + " is not part of this deploy: its condition "
                    + template.conditionOf(logicalId).orElseThrow() + " is false with these parameters");
        }
        SamTemplate.Function function = template.function(logicalId);
        Map<String, String> env = templateEnvironment(function);
        edit.accept(env);
        env.putAll(emulatorEndpoints());
        env.putAll(upstreams);
        return PackagedFunction.start(zip, new PackagedFunction.Settings(
                functionNames.computeIfAbsent(logicalId, id -> physicalName(id, 64)),
                handler, resolve(template.setting(logicalId, "Runtime")), function.memoryMb(),
                Duration.ofSeconds(function.timeoutSeconds()), REGION, ACCOUNT_ID), env);
    }

    /** Whether CloudFormation would create {@code logicalId} with the parameters given so far (its Condition). */
    boolean deployed(String logicalId) {
        return template.conditionOf(logicalId).map(intrinsics::condition).orElse(true);
    }

    /** Ref of a template resource: a table or bucket name, a queue URL, a key id, an alias name. */
    String ref(String logicalId) {
        return intrinsics.resolve(JSON.createObjectNode().put("Ref", logicalId));
    }

    /** Fn::GetAtt of a template resource, e.g. ("StartupQueue", "Arn"). */
    String attribute(String logicalId, String attribute) {
        return intrinsics.resolve(JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(logicalId).add(attribute)));
    }

    /** Resolves any template value (scalar, Ref, Fn::GetAtt, Fn::Sub) against this stack. */
    String resolve(JsonNode value) {
        return intrinsics.resolve(value);
    }

    /** Resources with nothing to emulate (IAM, alarms, bucket policies, the HTTP API...): logical id to type. */
    Map<String, String> skipped() {
        return Map.copyOf(skipped);
    }

    SamTemplate template() {
        return template;
    }

    URI endpoint() {
        return endpoint;
    }

    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    KmsClient kms() {
        return kms;
    }

    SqsClient sqs() {
        return sqs;
    }

    S3Client s3() {
        return s3;
    }

    private synchronized Created resource(String logicalId) {
        Created resource = create(logicalId);
        if (resource == null) {
            throw new IllegalStateException(logicalId + " (" + skipped.get(logicalId) + ") is not emulated on moto, so it has no value here");
        }
        return resource;
    }

    /**
     * Creates a resource, first creating those its properties refer to (as CloudFormation orders
     * them); null, and listed as skipped, for a type with nothing to emulate.
     */
    private synchronized Created create(String logicalId) {
        if (created.containsKey(logicalId) || skipped.containsKey(logicalId)) {
            return created.get(logicalId);
        }
        if (!creating.add(logicalId)) {
            throw new IllegalStateException("circular reference through " + logicalId);
        }
        SamTemplate.Resource resource = template.resource(logicalId);
        JsonNode p = resource.properties();
        Created result = switch (resource.type()) {
            case "AWS::DynamoDB::Table" -> table(logicalId, p);
            case "AWS::SQS::Queue" -> queue(logicalId, p);
            case "AWS::S3::Bucket" -> bucket(logicalId, p);
            case "AWS::KMS::Key" -> key(p);
            case "AWS::KMS::Alias" -> alias(p);
            default -> null;
        };
        creating.remove(logicalId);
        if (result == null) {
            skipped.put(logicalId, resource.type());
        } else {
            created.put(logicalId, result);
        }
        return result;
    }

    private Created table(String logicalId, JsonNode p) {
        String name = p.has("TableName") ? resolve(p.get("TableName")) : physicalName(logicalId, 255);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(p.path("BillingMode").asText("PROVISIONED"))
                .provisionedThroughput(throughput(p))
                .attributeDefinitions(list(p.path("AttributeDefinitions"), a -> AttributeDefinition.builder()
                        .attributeName(a.path("AttributeName").asText())
                        .attributeType(a.path("AttributeType").asText()).build()))
                .keySchema(keySchema(p.path("KeySchema")));
        if (p.has("GlobalSecondaryIndexes")) {
            request.globalSecondaryIndexes(list(p.get("GlobalSecondaryIndexes"), i -> GlobalSecondaryIndex.builder()
                    .indexName(i.path("IndexName").asText())
                    .keySchema(keySchema(i.path("KeySchema")))
                    .projection(projection(i.path("Projection")))
                    .provisionedThroughput(throughput(i)).build()));
        }
        if (p.has("LocalSecondaryIndexes")) {
            request.localSecondaryIndexes(list(p.get("LocalSecondaryIndexes"), i -> LocalSecondaryIndex.builder()
                    .indexName(i.path("IndexName").asText())
                    .keySchema(keySchema(i.path("KeySchema")))
                    .projection(projection(i.path("Projection"))).build()));
        }
        TableDescription table = dynamoDb.createTable(request.build()).tableDescription();
        JsonNode ttl = p.path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            dynamoDb.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t
                    .attributeName(ttl.path("AttributeName").asText()).enabled(true)));
        }
        return new Created(name, Map.of("Arn", table.tableArn()));
    }

    private static ProvisionedThroughput throughput(JsonNode p) {
        JsonNode t = p.path("ProvisionedThroughput");
        return t.isMissingNode() ? null : ProvisionedThroughput.builder()
                .readCapacityUnits(t.path("ReadCapacityUnits").asLong())
                .writeCapacityUnits(t.path("WriteCapacityUnits").asLong()).build();
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        return list(keys, k -> KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build());
    }

    private static Projection projection(JsonNode p) {
        Projection.Builder projection = Projection.builder().projectionType(p.path("ProjectionType").asText("KEYS_ONLY"));
        if (p.has("NonKeyAttributes")) {
            projection.nonKeyAttributes(list(p.get("NonKeyAttributes"), JsonNode::asText));
        }
        return projection.build();
    }

    /** Queue properties are queue attributes by the same names; the two policies are JSON documents. */
    private Created queue(String logicalId, JsonNode p) {
        boolean fifo = p.path("FifoQueue").asBoolean(false);
        String name = p.has("QueueName") ? resolve(p.get("QueueName")) : physicalName(logicalId, fifo ? 75 : 80) + (fifo ? ".fifo" : "");
        Map<String, String> attributes = new LinkedHashMap<>();
        p.properties().forEach(e -> {
            switch (e.getKey()) {
                case "QueueName", "Tags" -> { }
                case "RedrivePolicy", "RedriveAllowPolicy" -> attributes.put(e.getKey(), resolvedJson(e.getValue()));
                default -> attributes.put(e.getKey(), resolve(e.getValue()));
            }
        });
        String url = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Created(url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
    }

    private String resolvedJson(JsonNode document) {
        ObjectNode out = JSON.createObjectNode();
        document.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                out.put(e.getKey(), v.asLong());
            } else {
                out.put(e.getKey(), resolve(v));
            }
        });
        return out.toString();
    }

    private Created bucket(String logicalId, JsonNode p) {
        String name = p.has("BucketName") ? resolve(p.get("BucketName")) : physicalName(logicalId, 63).toLowerCase();
        s3.createBucket(r -> r.bucket(name));
        return new Created(name, Map.of(
                "Arn", "arn:aws:s3:::" + name,
                "DomainName", name + ".s3.amazonaws.com",
                "RegionalDomainName", name + ".s3." + REGION + ".amazonaws.com"));
    }

    private Created key(JsonNode p) {
        KeyMetadata key = kms.createKey(r -> r
                .description(p.path("Description").asText(""))
                .keySpec(p.path("KeySpec").asText("SYMMETRIC_DEFAULT"))
                .keyUsage(p.path("KeyUsage").asText("ENCRYPT_DECRYPT"))).keyMetadata();
        return new Created(key.keyId(), Map.of("Arn", key.arn(), "KeyId", key.keyId()));
    }

    private Created alias(JsonNode p) {
        String alias = resolve(p.path("AliasName"));
        String target = resolve(p.path("TargetKeyId"));
        kms.createAlias(r -> r.aliasName(alias).targetKeyId(target));
        return new Created(alias, Map.of());
    }

    /** CloudFormation's shape for a generated name: stack-LogicalId-RANDOMSUFFIX, cut to the service's limit. */
    private static String physicalName(String logicalId, int maxLength) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        String prefix = STACK_NAME + "-" + logicalId;
        int room = maxLength - suffix.length() - 1;
        return (prefix.length() > room ? prefix.substring(0, room) : prefix) + "-" + suffix;
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> each) {
        List<T> out = new ArrayList<>();
        array.forEach(node -> out.add(each.apply(node)));
        return out;
    }

    @Override
    public void close() {
        dynamoDb.close();
        kms.close();
        sqs.close();
        s3.close();
    }
}
