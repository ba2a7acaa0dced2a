package dev.tollgate.function.admin;

import dev.tollgate.wiring.Settings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The staff identity provider every admin route trusts, checked when the function starts: without
 * its JWKS, issuer and audience every request would fail later, one 401 at a time. And the local
 * runtime mints dev tokens under {@link AdminRoles#LOCAL_DEV_ISSUER}: a Lambda that trusts that
 * issuer is a misconfiguration, and it does not start.
 */
@Singleton
public class StaffTokenSettings {

    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";

    void check(@Observes StartupEvent started,
               @ConfigProperty(name = PUBLIC_KEY_LOCATION) Optional<String> keys,
               @ConfigProperty(name = ISSUER) Optional<String> issuer,
               @ConfigProperty(name = AUDIENCES) Optional<String> audiences) {
        Settings.required(keys, PUBLIC_KEY_LOCATION);
        Settings.required(audiences, AUDIENCES);
        refuseDevIssuerOnLambda(Optional.ofNullable(System.getenv("AWS_LAMBDA_FUNCTION_NAME")),
                Settings.required(issuer, ISSUER));
    }

    /** Lambda sets AWS_LAMBDA_FUNCTION_NAME in every function's environment; the local runtime never does. */
    static void refuseDevIssuerOnLambda(Optional<String> lambdaFunction, String issuer) {
        if (lambdaFunction.isPresent() && AdminRoles.LOCAL_DEV_ISSUER.equals(issuer)) {
            throw new Settings.Refused(Settings.envName(ISSUER) + " names the local dev token issuer; "
                    + "the admin API on AWS must trust the staff identity provider only");
        }
    }
}
