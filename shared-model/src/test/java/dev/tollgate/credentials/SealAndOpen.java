package dev.tollgate.credentials;

import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.DataKeyWrapper;

/** Tests hold both capabilities at once, which no function does: seal, then check what opens. */
public final class SealAndOpen {

    private final CredentialSealer sealer;
    private final CredentialOpener opener;

    private SealAndOpen(CredentialSealer sealer, CredentialOpener opener) {
        this.sealer = sealer;
        this.opener = opener;
    }

    public static <K extends DataKeyWrapper & DataKeyUnwrapper> SealAndOpen with(K dataKeys) {
        return new SealAndOpen(new CredentialSealer(dataKeys), new CredentialOpener(dataKeys));
    }

    public CredentialSealer sealer() {
        return sealer;
    }

    public CredentialOpener opener() {
        return opener;
    }

    public Sealed seal(String tenantId, String secret) {
        return sealer.seal(tenantId, secret);
    }

    public Sealed seal(String tenantId, byte[] secret) {
        return sealer.seal(tenantId, secret);
    }

    public byte[] open(String tenantId, Sealed sealed) {
        return opener.open(tenantId, sealed);
    }

    public String openText(String tenantId, Sealed sealed) {
        return opener.openText(tenantId, sealed);
    }
}
