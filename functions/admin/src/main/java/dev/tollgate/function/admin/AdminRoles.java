package dev.tollgate.function.admin;

/** The two staff roles, read from the JWT's groups claim. */
public final class AdminRoles {

    /** Everything, writes included. */
    public static final String ADMIN = "tollgate-admin";

    /** Read only. */
    public static final String SUPPORT = "tollgate-support";

    /** The issuer of the local runtime's dev tokens; an AWS deployment refuses to start trusting it. */
    public static final String LOCAL_DEV_ISSUER = "tollgate-local-dev";

    private AdminRoles() {
    }
}
