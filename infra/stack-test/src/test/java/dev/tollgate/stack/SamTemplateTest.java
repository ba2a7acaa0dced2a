package dev.tollgate.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The template reading the harness relies on, without moto: routes, Globals, intrinsics. */
class SamTemplateTest {

    private final SamTemplate template = SamTemplate.repository();

    @Test
    void routesAreMatchedAsApiGatewayMatchesThem() {
        SamTemplate.RouteMatch validate = template.route("POST", "/v1/licenses/validate");
        assertEquals("LicenseValidationFunction", validate.route().function().logicalId());
        assertEquals("POST /v1/licenses/validate", validate.route().routeKey());
        assertEquals(Map.of(), validate.pathParameters());
        assertEquals(Optional.empty(), validate.route().authorizer());

        SamTemplate.RouteMatch admin = template.route("GET", "/v1/admin/tenants/t_1/licenses");
        assertEquals("AdminFunction", admin.route().function().logicalId());
        assertEquals("ANY /v1/admin/{proxy+}", admin.route().routeKey());
        assertEquals(Map.of("proxy", "tenants/t_1/licenses"), admin.pathParameters());
        assertEquals(Optional.of("StaffJwt"), admin.route().authorizer());
    }

    @Test
    void aRequestNoRouteTakesIsAFailureNotAGuess() {
        assertThrows(AssertionError.class, () -> template.route("GET", "/v1/licenses/validate"));
        assertThrows(AssertionError.class, () -> template.route("GET", "/v1/admin"));
        assertThrows(AssertionError.class, () -> template.route("POST", "/v1/updates/check/extra"));
    }

    @Test
    void globalsAreMergedUnderTheFunctionsOwnSettings() {
        SamTemplate.Function validation = template.function("LicenseValidationFunction");
        assertEquals(1024, validation.memoryMb());
        assertEquals(15, validation.timeoutSeconds());
        assertTrue(validation.environment().containsKey("JAVA_TOOL_OPTIONS"), validation.environment().keySet().toString());
        assertTrue(validation.environment().containsKey("TOLLGATE_STARTUP_LOG_QUEUE_URL"));
        assertTrue(template.codePath(validation).endsWith("functions/license-validation/target/function.zip"));
    }

    @Test
    void intrinsicsResolveAgainstParametersPseudoParametersAndResources() throws Exception {
        Map<String, String> given = new HashMap<>();
        Intrinsics intrinsics = new Intrinsics(template, given, "eu-west-1", "111122223333", new Intrinsics.Resources() {
            @Override
            public String ref(String logicalId) {
                return "ref-of-" + logicalId;
            }

            @Override
            public String attribute(String logicalId, String attribute) {
                return attribute + "-of-" + logicalId;
            }
        });
        ObjectMapper json = new ObjectMapper();

        assertEquals("ref-of-LicensesTable", intrinsics.resolve(json.readTree("{\"Ref\":\"LicensesTable\"}")));
        assertEquals("Arn-of-DataKey", intrinsics.resolve(json.readTree("{\"Fn::GetAtt\":[\"DataKey\",\"Arn\"]}")));
        assertEquals("QueueName-of-StartupQueue", intrinsics.resolve(json.readTree("{\"Fn::GetAtt\":\"StartupQueue.QueueName\"}")));
        assertEquals("Arn-of-ArtifactsBucket/artifacts/* in eu-west-1 of 111122223333 on aws, amazonaws.com, ${Literal}",
                intrinsics.resolve(json.readTree("{\"Fn::Sub\":\"${ArtifactsBucket.Arn}/artifacts/* in ${AWS::Region} of"
                        + " ${AWS::AccountId} on ${AWS::Partition}, ${AWS::URLSuffix}, ${!Literal}\"}")));
        assertEquals("x-v", intrinsics.resolve(json.readTree("{\"Fn::Sub\":[\"x-${Var}\",{\"Var\":\"v\"}]}")));
        assertEquals("PT24H", intrinsics.resolve(json.readTree("{\"Ref\":\"LeaseTtl\"}")));

        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> intrinsics.resolve(json.readTree("{\"Ref\":\"AdminJwksUrl\"}")));
        assertTrue(missing.getMessage().contains("AdminJwksUrl"), missing.getMessage());
        given.put("AdminJwksUrl", "https://idp.example/jwks");
        assertEquals("https://idp.example/jwks", intrinsics.resolve(json.readTree("{\"Ref\":\"AdminJwksUrl\"}")));

        // The template's Build parameter picks the runtime, as CloudFormation evaluates Fn::If.
        JsonNode runtime = template.setting("LicenseValidationFunction", "Runtime");
        assertEquals("java21", intrinsics.resolve(runtime));
        given.put("Build", "native");
        assertEquals("provided.al2023", intrinsics.resolve(runtime));
    }
}
