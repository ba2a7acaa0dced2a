package dev.tollgate.adapters.kms;

import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.DataKeyWrapper;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.keys.InMemoryLeaseSigner;
import dev.tollgate.keys.LeaseKeyWrapper;
import dev.tollgate.keys.LeaseKeys;
import dev.tollgate.keys.LeaseSigner;
import dev.tollgate.keys.VerificationKeys;
import dev.tollgate.wiring.Settings;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The key capabilities on KMS, each asking only for the key it uses. What can be checked when the
 * function starts is checked then (the digest secret unwraps, the lease key has a P-256 public
 * half), so a wrong key id fails the start with the variable's name, not every request after it.
 */
@Singleton
public class KmsWiring {

    static final String WRAPPED_DIGEST_SECRET = "tollgate.kms.wrapped-digest-secret";
    static final String LEASE_SIGNING_KEY_ID = "tollgate.kms.lease-signing-key-id";
    static final String DATA_KEY_ID = "tollgate.kms.data-key-id";

    /** A key id, key ARN, alias name or alias ARN, as KMS accepts them. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9:/_+=,.@-]{1,2048}");

    @Produces
    @Singleton
    KeyDigester keyDigester(KmsClient kms, TollgateConfig config) {
        return keyDigester(kms, config.kms().wrappedDigestSecret());
    }

    /**
     * The lease signer the deployment chose (tollgate.lease.signer), built once and shared by the
     * signer and the JWKS: {@code memory} reads the lease keys table and unwraps the signing key with
     * one KMS Decrypt; {@code kms} signs every lease with KMS Sign.
     */
    @Produces
    @Singleton
    LeaseSigning leaseSigning(KmsClient kms, TollgateConfig config, Instance<LeaseKeys> leaseKeys, Clock clock) {
        if (config.lease().signer() == TollgateConfig.LeaseConfig.Signer.kms) {
            KmsVerificationKeys keys = verificationKeys(kms, config.kms().leaseSigningKeyId(),
                    config.kms().retiredLeaseSigningKeyIds());
            return new LeaseSigning(new KmsLeaseSigner(kms, config.kms().leaseSigningKeyId().orElseThrow(),
                    keys.current().keyId()), keys);
        }
        KmsLeaseKeyWrapper wrapper = leaseKeyWrapper(kms, config.kms().dataKeyId());
        InMemoryLeaseSigner signer;
        try {
            signer = new InMemoryLeaseSigner(leaseKeys.get(), wrapper, clock, config.lease().keys().refreshInterval(),
                    config.lease().keys().propagationDelay());
        } catch (SdkException | DataKeyUnwrapper.WrongContext e) {
            throw refused(DATA_KEY_ID, "the lease signing key would not unwrap under it (or the lease keys table "
                    + "could not be read)", e);
        }
        return new LeaseSigning(signer, signer);
    }

    @Produces
    @Singleton
    LeaseSigner leaseSigner(LeaseSigning signing) {
        return signing.signer();
    }

    @Produces
    @Singleton
    VerificationKeys verificationKeys(LeaseSigning signing) {
        return signing.keys();
    }

    /** Wraps rotated lease keys (admin) and unwraps them (validation), under the data key. */
    @Produces
    @Singleton
    LeaseKeyWrapper leaseKeyWrapper(KmsClient kms, TollgateConfig config) {
        return leaseKeyWrapper(kms, config.kms().dataKeyId());
    }

    /** The signer and the keys it publishes, as one choice. */
    public record LeaseSigning(LeaseSigner signer, VerificationKeys keys) {
    }

    @Produces
    @Singleton
    DataKeyWrapper dataKeyWrapper(KmsClient kms, TollgateConfig config) {
        return dataKeys(kms, config.kms().dataKeyId());
    }

    @Produces
    @Singleton
    DataKeyUnwrapper dataKeyUnwrapper(KmsClient kms, TollgateConfig config) {
        return dataKeys(kms, config.kms().dataKeyId());
    }

    static KmsKeyDigester keyDigester(KmsClient kms, Optional<String> wrappedSecret) {
        String wrapped = Settings.required(wrappedSecret, WRAPPED_DIGEST_SECRET);
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(wrapped.strip());
        } catch (IllegalArgumentException e) {
            throw new Settings.Refused(Settings.envName(WRAPPED_DIGEST_SECRET) + " (" + WRAPPED_DIGEST_SECRET
                    + ") is not base64");
        }
        try {
            return KmsKeyDigester.unwrap(kms, ciphertext);
        } catch (SdkException e) {
            throw refused(WRAPPED_DIGEST_SECRET, "KMS would not unwrap it under its encryption context", e);
        }
    }

    static KmsVerificationKeys verificationKeys(KmsClient kms, Optional<String> current, Optional<List<String>> retired) {
        String keyId = Settings.required(current, LEASE_SIGNING_KEY_ID, KmsWiring::isKeyId, "a KMS key id or ARN");
        try {
            return KmsVerificationKeys.load(kms, keyId, retired.orElse(List.of()));
        } catch (SdkException | IllegalStateException e) {
            throw refused(LEASE_SIGNING_KEY_ID, "KMS gave no P-256 public key for it (or for a retired key)", e);
        }
    }

    static KmsLeaseKeyWrapper leaseKeyWrapper(KmsClient kms, Optional<String> keyId) {
        return new KmsLeaseKeyWrapper(kms, Settings.required(keyId, DATA_KEY_ID, KmsWiring::isKeyId, "a KMS key id or ARN"));
    }

    static KmsDataKeys dataKeys(KmsClient kms, Optional<String> keyId) {
        return new KmsDataKeys(kms, Settings.required(keyId, DATA_KEY_ID, KmsWiring::isKeyId, "a KMS key id or ARN"));
    }

    private static boolean isKeyId(String id) {
        return KEY_ID.matcher(id).matches();
    }

    /** Names the variable and the SDK's error type, never the value (a ciphertext is still a secret's). */
    private static Settings.Refused refused(String property, String why, Exception cause) {
        Settings.Refused refusal = new Settings.Refused(Settings.envName(property) + " (" + property + ") is wrong: "
                + why + " (" + cause.getClass().getSimpleName() + ")");
        refusal.initCause(cause);
        return refusal;
    }
}
