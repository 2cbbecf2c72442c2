package dev.herald.sasl.mapping;

/**
 * One line of a {@link MappingExplanation}: what one mapper did.
 *
 * @param position      1-based position in the configured order
 * @param mapper        the mapper's name
 * @param type          its type
 * @param result        what it found
 * @param detail        the specifics: the DN or filter used and what came back, or why it did not apply
 * @param afterDecision true for mappers evaluated by {@link CertificateMapper#explain} after an
 *                      earlier mapper had already decided (they did not influence the outcome)
 */
public record MapperTrial(int position, String mapper, MapperType type, TrialResult result, String detail,
                          boolean afterDecision) {

    /** {@code [2] by-cn (subject-attribute): mapped: ...}. */
    @Override
    public String toString() {
        return "[" + position + "] " + mapper + " (" + type.configName() + "): "
                + (afterDecision ? "after the decision, would be " : "") + result.label() + ": " + detail;
    }
}
