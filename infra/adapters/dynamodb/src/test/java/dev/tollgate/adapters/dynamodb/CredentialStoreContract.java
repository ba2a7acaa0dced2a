package dev.tollgate.adapters.dynamodb;

import dev.tollgate.credentials.CredentialKind;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.credentials.EnvelopeCipher;
import dev.tollgate.credentials.ManageCredentials;
import dev.tollgate.credentials.ModelCredentials;
import dev.tollgate.credentials.OpenCredentials;
import dev.tollgate.credentials.SealAndOpen;
import dev.tollgate.credentials.Sealed;
import dev.tollgate.credentials.StoredCredential;
import dev.tollgate.credentials.ZendeskCredentials;
import dev.tollgate.embedded.EmbeddedDynamoDb;
import dev.tollgate.embedded.RawItems;
import dev.tollgate.outcome.Refusal;
import dev.tollgate.tenant.CreateTenant;
import dev.tollgate.tenant.Tenant;
import dev.tollgate.tenant.TenantId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Integration credentials at rest, on DynamoDB Local, under a real key vault: what the privacy
 * promise says about them, checked on the raw items. Subclasses supply the vault (local key ring,
 * KMS on moto_server).
 */
public abstract class CredentialStoreContract {

    protected static final String TABLE = "tenants-credentials-it";
    protected static final String ZENDESK_TOKEN = "zd-oauth-Q7vK2mX9pL4tR8sW1yB6cN3dF5gH0jZ";
    protected static final String API_TOKEN = "zd-api-7Hq2Lm9Xv4Rt8Sw1Yb6Cn3Df5Gh0JkPa";
    protected static final String EMAIL = "agent.smith@acme.example";
    protected static final String MODEL_KEY = "sk-ant-api03-Vb8Nq2Wm7Xr4Ts9Lp1Kc6Hd3Jf5Gz0Ya";

    EmbeddedDynamoDb engine;
    DynamoDbClient dynamo;
    DynamoTenantStore tenants;
    DynamoCredentialStore store;
    ManageCredentials manage;
    OpenCredentials open;
    Tenant acme;
    Tenant globex;

    SealAndOpen cipher;

    /** Sealing and opening under test: an in-memory key ring, or KMS data keys on moto_server. */
    protected abstract SealAndOpen cipher();

    @BeforeEach
    void wire() {
        engine = EmbeddedDynamoDb.inMemory();
        dynamo = engine.client();
        TableBootstrap.createMissing(dynamo, List.of(new TableBootstrap.Table(DynamoTenantStore.tableDefinition(TABLE), null)));
        tenants = new DynamoTenantStore(dynamo, TABLE);
        store = new DynamoCredentialStore(dynamo, TABLE);
        cipher = cipher();
        manage = new ManageCredentials(tenants, store, cipher.sealer(), Clock.systemUTC());
        open = new OpenCredentials(store, cipher.opener());
        CreateTenant create = new CreateTenant(tenants, Clock.systemUTC());
        acme = create.create("Acme Support");
        globex = create.create("Globex");
    }

    @AfterEach
    void stop() {
        dynamo.close();
        engine.close();
    }

    @Test
    void storedCredentialsOpenForTheirTenantAndReadsShowOnlyFactsAndLastFour() {
        manage.putZendesk(acme.id(), new ZendeskCredentials("acme", ZendeskCredentials.Auth.API_TOKEN, Optional.of(EMAIL),
                API_TOKEN));
        manage.putModel(acme.id(), new ModelCredentials(ModelCredentials.Provider.OPENAI_COMPATIBLE,
                Optional.of(URI.create("http://10.0.0.5:8000/v1")), "llama-3.1-70b", MODEL_KEY));

        ZendeskCredentials zendesk = open.zendesk(acme.id()).orElseThrow();
        assertEquals(API_TOKEN, zendesk.token());
        assertEquals(Optional.of(EMAIL), zendesk.email());
        assertEquals("acme", zendesk.subdomain());
        ModelCredentials model = open.model(acme.id()).orElseThrow();
        assertEquals(MODEL_KEY, model.apiKey());
        assertEquals(Optional.of(URI.create("http://10.0.0.5:8000/v1")), model.baseUrl());

        Map<CredentialKind, StoredCredential.Summary> shown = Map.of(
                CredentialKind.ZENDESK, summary(CredentialKind.ZENDESK), CredentialKind.MODEL, summary(CredentialKind.MODEL));
        assertEquals(Map.of("subdomain", "acme", "authType", "api_token"), shown.get(CredentialKind.ZENDESK).facts());
        assertEquals("JkPa", shown.get(CredentialKind.ZENDESK).last4());
        assertEquals(Map.of("provider", "openai-compatible", "model", "llama-3.1-70b", "baseUrl", "http://10.0.0.5:8000/v1"),
                shown.get(CredentialKind.MODEL).facts());
        assertEquals("z0Ya", shown.get(CredentialKind.MODEL).last4());
        assertFalse(shown.toString().contains(EMAIL) || shown.toString().contains(API_TOKEN.substring(0, 12)));
        assertTrue(open.zendesk(globex.id()).isEmpty(), "another tenant has none");
    }

    @Test
    void theRawItemsHoldNoPlaintextSecret() {
        manage.putZendesk(acme.id(), new ZendeskCredentials("acme", ZendeskCredentials.Auth.API_TOKEN, Optional.of(EMAIL),
                API_TOKEN));
        manage.putZendesk(globex.id(), new ZendeskCredentials("globex", ZendeskCredentials.Auth.OAUTH, Optional.empty(),
                ZENDESK_TOKEN));
        manage.putModel(acme.id(), new ModelCredentials(ModelCredentials.Provider.ANTHROPIC, Optional.empty(),
                "claude-sonnet-4-5", MODEL_KEY));

        List<Map<String, AttributeValue>> items = dynamo.scanPaginator(r -> r.tableName(TABLE)).items().stream().toList();
        assertEquals(5, items.size(), "two tenants and three credentials");
        String everything = items.stream().map(RawItems::dump).reduce("", String::concat);
        for (String secret : List.of(API_TOKEN, ZENDESK_TOKEN, MODEL_KEY, EMAIL)) {
            // The last four characters are shown on purpose; any eight consecutive characters are not.
            for (int i = 0; i + 8 <= secret.length(); i++) {
                assertFalse(everything.contains(secret.substring(i, i + 8)), "plaintext of a secret at rest");
            }
        }
    }

    @Test
    void aSecretMovedToAnotherTenantsRecordDoesNotOpen() {
        manage.putModel(acme.id(), new ModelCredentials(ModelCredentials.Provider.OPENAI, Optional.empty(), "gpt-4.1",
                MODEL_KEY));
        manage.putModel(globex.id(), new ModelCredentials(ModelCredentials.Provider.OPENAI, Optional.empty(), "gpt-4.1",
                "sk-globex-0000000000000000000000"));
        // Someone with write access to the table copies Acme's sealed key into Globex's record.
        SdkBytes acmeSealed = rawSealed(acme.id());
        dynamo.updateItem(r -> r.tableName(TABLE).key(key(globex.id()))
                .updateExpression("SET sealed = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromB(acmeSealed))));

        assertThrows(EnvelopeCipher.CannotOpen.class, () -> open.model(globex.id()));
        assertEquals(MODEL_KEY, open.model(acme.id()).orElseThrow().apiKey(), "it still opens where it belongs");
    }

    /**
     * The visible facts are bound into the sealed record: someone who can write the table but not read
     * the secret edits the base URL (to send the tenant's key to their own server), the model, the
     * redaction switch, the Zendesk subdomain or auth type, or moves a record to another kind. None of
     * it opens; the untouched records still do.
     */
    @Test
    void aRecordWhoseFactsWereEditedInTheTableDoesNotOpen() {
        manage.putModel(acme.id(), new ModelCredentials(ModelCredentials.Provider.OPENAI_COMPATIBLE,
                Optional.of(URI.create("https://llm.acme.example/v1")), "llama-3.1-70b", MODEL_KEY, true));
        manage.putZendesk(acme.id(), new ZendeskCredentials("acme", ZendeskCredentials.Auth.OAUTH, Optional.empty(),
                ZENDESK_TOKEN));
        Map<String, AttributeValue> modelKey = key(acme.id());
        Map<String, AttributeValue> zendeskKey = Map.of("tenantId", AttributeValue.fromS(acme.id().value()),
                "record", AttributeValue.fromS("credentials#zendesk"));
        Map<String, AttributeValue> modelItem = dynamo.getItem(r -> r.tableName(TABLE).key(modelKey)).item();
        Map<String, AttributeValue> zendeskItem = dynamo.getItem(r -> r.tableName(TABLE).key(zendeskKey)).item();

        for (String edit : List.of("SET facts.baseUrl = :v", "SET facts.model = :v", "REMOVE facts.redact",
                "SET facts.provider = :v", "SET facts.extra = :v")) {
            dynamo.putItem(r -> r.tableName(TABLE).item(modelItem));
            dynamo.updateItem(r -> {
                r.tableName(TABLE).key(modelKey).updateExpression(edit);
                if (edit.contains(":v")) {
                    r.expressionAttributeValues(Map.of(":v", AttributeValue.fromS(edit.contains("provider")
                            ? "openai-compatible " : "https://attacker.example/v1")));
                }
            });
            assertThrows(EnvelopeCipher.CannotOpen.class, () -> open.model(acme.id()), edit);
        }
        for (String edit : List.of("SET facts.subdomain = :v", "SET facts.authType = :v")) {
            dynamo.putItem(r -> r.tableName(TABLE).item(zendeskItem));
            dynamo.updateItem(r -> r.tableName(TABLE).key(zendeskKey).updateExpression(edit)
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(edit.contains("subdomain") ? "evil" : "oauth "))));
            assertThrows(EnvelopeCipher.CannotOpen.class, () -> open.zendesk(acme.id()), edit);
        }
        // The Zendesk secret copied into the model record (same tenant, same data key context) does not open there.
        dynamo.putItem(r -> r.tableName(TABLE).item(modelItem));
        dynamo.updateItem(r -> r.tableName(TABLE).key(modelKey).updateExpression("SET sealed = :s")
                .expressionAttributeValues(Map.of(":s", zendeskItem.get("sealed"))));
        assertThrows(EnvelopeCipher.CannotOpen.class, () -> open.model(acme.id()));

        dynamo.putItem(r -> r.tableName(TABLE).item(modelItem));
        dynamo.putItem(r -> r.tableName(TABLE).item(zendeskItem));
        assertEquals(MODEL_KEY, open.model(acme.id()).orElseThrow().apiKey(), "untouched, it opens");
        assertTrue(open.model(acme.id()).orElseThrow().redact());
        assertEquals(ZENDESK_TOKEN, open.zendesk(acme.id()).orElseThrow().token());
    }

    /** A record sealed before facts were bound (format 1) is refused with a message telling staff what to do. */
    @Test
    void aRecordSealedBeforeFactsWereBoundIsRefusedWithAnInstruction() {
        manage.putModel(acme.id(), new ModelCredentials(ModelCredentials.Provider.OPENAI, Optional.empty(), "gpt-4.1",
                MODEL_KEY));
        byte[] current = rawSealed(acme.id()).asByteArray();
        current[0] = (byte) Sealed.V1;
        dynamo.updateItem(r -> r.tableName(TABLE).key(key(acme.id())).updateExpression("SET sealed = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromB(SdkBytes.fromByteArray(current)))));
        EnvelopeCipher.CannotOpen refused = assertThrows(EnvelopeCipher.SealedBeforeFactsWereBound.class,
                () -> open.model(acme.id()));
        assertTrue(refused.getMessage().contains("store it again"), refused.getMessage());
    }

    @Test
    void storingTheSameSecretTwiceSealsItDifferently() {
        ModelCredentials same = new ModelCredentials(ModelCredentials.Provider.OPENAI, Optional.empty(), "gpt-4.1", MODEL_KEY);
        manage.putModel(acme.id(), same);
        Sealed first = Sealed.fromBytes(rawSealed(acme.id()).asByteArray());
        manage.putModel(acme.id(), same);
        Sealed second = Sealed.fromBytes(rawSealed(acme.id()).asByteArray());

        assertFalse(Arrays.equals(first.nonce(), second.nonce()), "a fresh nonce per record");
        assertFalse(Arrays.equals(first.wrappedKey(), second.wrappedKey()), "a fresh data key per record");
        assertFalse(Arrays.equals(first.ciphertext(), second.ciphertext()));
        assertEquals(12, first.nonce().length, "96-bit nonce");
        assertArrayEquals(MODEL_KEY.getBytes(StandardCharsets.UTF_8), cipher.opener().open(acme.id().value(),
                store.find(acme.id(), CredentialKind.MODEL).orElseThrow().boundFacts(), second));
    }

    @Test
    void deletingRemovesTheRecordAndATerminatedTenantStoresNone() {
        manage.putModel(acme.id(), new ModelCredentials(ModelCredentials.Provider.OPENAI, Optional.empty(), "gpt-4.1",
                MODEL_KEY));
        manage.delete(acme.id(), CredentialKind.MODEL);
        assertTrue(open.model(acme.id()).isEmpty());
        assertEquals("CREDENTIALS_NOT_FOUND",
                assertThrows(Refusal.class, () -> manage.delete(acme.id(), CredentialKind.MODEL)).code());

        tenants.update(tenants.require(globex.id()).terminatedOn(LocalDate.parse("2026-11-01"), java.time.Instant.now()),
                globex.updatedAt());
        assertEquals("TENANT_TERMINATED", assertThrows(Refusal.class, () -> manage.putModel(globex.id(),
                new ModelCredentials(ModelCredentials.Provider.OPENAI, Optional.empty(), "gpt-4.1", MODEL_KEY))).code());
        assertTrue(store.list(globex.id()).isEmpty());
    }

    private StoredCredential.Summary summary(CredentialKind kind) {
        return manage.summaries(acme.id()).stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    private SdkBytes rawSealed(TenantId tenant) {
        return dynamo.getItem(r -> r.tableName(TABLE).key(key(tenant))).item().get("sealed").b();
    }

    private static Map<String, AttributeValue> key(TenantId tenant) {
        return Map.of("tenantId", AttributeValue.fromS(tenant.value()), "record", AttributeValue.fromS("credentials#model"));
    }
}
