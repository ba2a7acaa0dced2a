package dev.tollgate.stack;

import dev.tollgate.embedded.ExternalTool;
import dev.tollgate.embedded.MotoServer;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

/**
 * The README's deploy on moto_server, as an operator does it: the first deploy (storage, keys, the
 * staff identity provider's issuer and JWKS URL), then {@link #wrapDigestSecretAndRedeploy()}.
 * Skips the calling test where moto_server is missing (fails under CI=true).
 */
final class Deployment implements AutoCloseable {

    final MotoServer moto;
    final StaffIdentityProvider idp;
    final MotoStack stack;

    private Deployment(MotoServer moto, StaffIdentityProvider idp, MotoStack stack) {
        this.moto = moto;
        this.idp = idp;
        this.stack = stack;
    }

    static Deployment first() {
        return first(Map.of());
    }

    /** With {@code parameters} as {@code --parameter-overrides} beside the identity provider's. */
    static Deployment first(Map<String, String> parameters) {
        ExternalTool.require(MotoServer.TOOL, MotoServer.INSTALL);
        MotoServer moto = MotoServer.start();
        StaffIdentityProvider idp = StaffIdentityProvider.start();
        Map<String, String> all = new java.util.HashMap<>(parameters);
        all.put("AdminJwtIssuer", StaffIdentityProvider.ISSUER);
        all.put("AdminJwksUrl", idp.jwksUrl());
        MotoStack stack = MotoStack.provision(moto.endpoint(), SamTemplate.repository(), all);
        return new Deployment(moto, idp, stack);
    }

    /**
     * Both deploys on {@code moto}, for benchmarks and tools whose requests carry no staff token: the
     * admin function's identity provider is named but never reached.
     */
    static MotoStack withoutStaffLogins(MotoServer moto) {
        MotoStack stack = MotoStack.provision(moto.endpoint(), SamTemplate.repository(), Map.of(
                "AdminJwtIssuer", "https://idp.stack-test.invalid/",
                "AdminJwksUrl", "https://idp.stack-test.invalid/.well-known/jwks.json"));
        stack.overrideParameter("WrappedDigestSecret", wrapDigestSecret(stack));
        return stack;
    }

    /** The operator step between the two deploys, then the second deploy's parameter. */
    Deployment wrapDigestSecretAndRedeploy() {
        stack.overrideParameter("WrappedDigestSecret", wrapDigestSecret(stack));
        return this;
    }

    /** README, "Deploying to AWS": a digest secret wrapped under the data key, once, by an operator. */
    static String wrapDigestSecret(MotoStack stack) {
        byte[] wrapped = stack.kms().generateDataKeyWithoutPlaintext(r -> r
                .keyId(stack.ref("DataKeyAlias"))
                .keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of("tollgate:purpose", "license-key-digest")))
                .ciphertextBlob().asByteArray();
        return Base64.getEncoder().encodeToString(wrapped);
    }

    @Override
    public void close() {
        stack.close();
        idp.close();
        moto.close();
    }
}
