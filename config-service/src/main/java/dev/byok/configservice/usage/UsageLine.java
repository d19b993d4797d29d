package dev.byok.configservice.usage;

/** What usage is kept apart by within an org: the slot that served, its provider and its model. */
public record UsageLine(String slot, String provider, String model) {

    /** Separates the parts of a ledger field; a unit separator occurs in no slot, provider id or model id. */
    static final char SEPARATOR = '\u001f';

    String field(String metric) {
        return slot + SEPARATOR + provider + SEPARATOR + model + SEPARATOR + metric;
    }
}
