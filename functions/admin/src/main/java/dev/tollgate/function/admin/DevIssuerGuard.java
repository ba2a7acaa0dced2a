package dev.tollgate.function.admin;

import dev.tollgate.config.TollgateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The local runtime mints dev tokens under {@link AdminRoles#LOCAL_DEV_ISSUER}. A deployment with
 * AWS keys (KMS vault) that trusts that issuer is a misconfiguration, and it does not start.
 */
@Singleton
public class DevIssuerGuard {

    void check(@Observes StartupEvent started, TollgateConfig config,
               @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        refuseDevIssuerOnAws(config.keyVault().provider(), issuer);
    }

    static void refuseDevIssuerOnAws(TollgateConfig.KeyVaultConfig.Provider provider, Optional<String> issuer) {
        if (provider == TollgateConfig.KeyVaultConfig.Provider.KMS && issuer.map(AdminRoles.LOCAL_DEV_ISSUER::equals).orElse(false)) {
            throw new IllegalStateException("the admin API on AWS must not trust the local dev token issuer");
        }
    }
}
