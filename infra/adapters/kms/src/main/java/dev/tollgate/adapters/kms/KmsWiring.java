package dev.tollgate.adapters.kms;

import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.DataKeyWrapper;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.keys.InMemoryLeaseSigner;
import dev.tollgate.keys.LeaseKeyWrapper;
import dev.tollgate.keys.LeaseKeys;
import dev.tollgate.keys.LeaseSigner;
import dev.tollgate.keys.VerificationKeys;
import dev.tollgate.outcome.Outages;
import dev.tollgate.wiring.Settings;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
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

    /** Unwrapped at start; if KMS does not answer then, on first use (see {@link LateUnwrap}). */
    @Produces
    @Singleton
    KeyDigester keyDigester(KmsClient kms, TollgateConfig config, Instance<Outages> outages, Clock clock) {
        return keyDigester(kms, config.kms().wrappedDigestSecret(), outage(outages), config.store().retryAfter(), clock);
    }

    /**
     * The lease signer the deployment chose (tollgate.lease.signer), built once and shared by the
     * signer and the JWKS: {@code memory} reads the lease keys table and unwraps the signing key with
     * one KMS Decrypt; {@code kms} signs every lease with KMS Sign.
     */
    @Produces
    @Singleton
    LeaseSigning leaseSigning(KmsClient kms, TollgateConfig config, Instance<LeaseKeys> leaseKeys, Instance<Outages> outages,
                              Clock clock) {
        if (config.lease().signer() == TollgateConfig.LeaseConfig.Signer.kms) {
            KmsVerificationKeys keys = verificationKeys(kms, config.kms().leaseSigningKeyId(),
                    config.kms().retiredLeaseSigningKeyIds());
            return new LeaseSigning(new KmsLeaseSigner(kms, config.kms().leaseSigningKeyId().orElseThrow(),
                    keys.current().keyId()), keys);
        }
        KmsLeaseKeyWrapper wrapper = leaseKeyWrapper(kms, config.kms().dataKeyId());
        LateUnwrap<InMemoryLeaseSigner> signer;
        try {
            signer = LateUnwrap.atStart("the lease signing key", () -> new InMemoryLeaseSigner(leaseKeys.get(), wrapper,
                    clock, config.lease().keys().refreshInterval(), config.lease().keys().propagationDelay()),
                    outage(outages), config.store().retryAfter(), clock);
        } catch (SdkException | DataKeyUnwrapper.WrongContext e) {
            throw refused(DATA_KEY_ID, "the lease signing key would not unwrap under it (or the lease keys table "
                    + "could not be read)", e);
        }
        if (signer.ready()) {
            return new LeaseSigning(signer.get(), signer.get());
        }
        LeaseSigner late = new LeaseSigner() {
            @Override
            public LeaseSigner current() {
                return signer.get().current();
            }

            @Override
            public String keyId() {
                return signer.get().keyId();
            }

            @Override
            public byte[] signEs256(byte[] signingInput) {
                return signer.get().signEs256(signingInput);
            }
        };
        return new LeaseSigning(late, () -> signer.get().published());
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

    /** Strict: any failure to unwrap fails the start. */
    static KeyDigester keyDigester(KmsClient kms, Optional<String> wrappedSecret) {
        return keyDigester(kms, wrappedSecret, failure -> false, Duration.ofSeconds(1), Clock.systemUTC());
    }

    static KeyDigester keyDigester(KmsClient kms, Optional<String> wrappedSecret, Predicate<Throwable> isOutage,
                                   Duration retryAfter, Clock clock) {
        String wrapped = Settings.required(wrappedSecret, WRAPPED_DIGEST_SECRET);
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(wrapped.strip());
        } catch (IllegalArgumentException e) {
            throw new Settings.Refused(Settings.envName(WRAPPED_DIGEST_SECRET) + " (" + WRAPPED_DIGEST_SECRET
                    + ") is not base64");
        }
        LateUnwrap<KmsKeyDigester> digester;
        try {
            digester = LateUnwrap.atStart("the digest secret", () -> KmsKeyDigester.unwrap(kms, ciphertext), isOutage,
                    retryAfter, clock);
        } catch (SdkException e) {
            throw refused(WRAPPED_DIGEST_SECRET, "KMS would not unwrap it under its encryption context", e);
        }
        return digester.ready() ? digester.get() : key -> digester.get().digest(key);
    }

    /** What the deployment's adapters call an outage (no answer, a timeout, throttling, a 5xx); without them, nothing is. */
    private static Predicate<Throwable> outage(Instance<Outages> outages) {
        return failure -> outages.isResolvable() && outages.get().recognise(failure).isPresent();
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
