package dev.herald.sasl.mapping;

/** What one mapper strategy returned; {@code dn} is set only for {@link TrialResult#MAPPED}. */
record Attempt(TrialResult result, String dn, String detail) {

    static Attempt notApplicable(String detail) {
        return new Attempt(TrialResult.NOT_APPLICABLE, null, detail);
    }

    static Attempt noEntry(String detail) {
        return new Attempt(TrialResult.NO_ENTRY, null, detail);
    }

    static Attempt mapped(String dn, String detail) {
        return new Attempt(TrialResult.MAPPED, dn, detail);
    }

    static Attempt ambiguous(String detail) {
        return new Attempt(TrialResult.AMBIGUOUS, null, detail);
    }

    static Attempt error(String detail) {
        return new Attempt(TrialResult.ERROR, null, detail);
    }
}
