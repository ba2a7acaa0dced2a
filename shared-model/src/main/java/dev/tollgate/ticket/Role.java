package dev.tollgate.ticket;

/** Who wrote a comment, as the model is told: the customer, the support team in public, or the team among itself. */
public enum Role {
    END_USER("end user"), AGENT("agent"), INTERNAL_NOTE("internal note");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** The label the prompt shows before the comment. */
    public String label() {
        return label;
    }
}
