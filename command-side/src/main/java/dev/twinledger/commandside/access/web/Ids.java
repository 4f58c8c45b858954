package dev.twinledger.commandside.access.web;

/** The message every id-shape violation answers with (the regex itself is {@link dev.twinledger.api.ResourceIds}). */
final class Ids {

    static final String SHAPE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    static final String ROLE = "[a-z][a-z0-9-]{0,63}";
    static final String ROLE_SHAPE = "must be lower-case letters, digits and '-', starting with a letter";

    private Ids() {
    }
}
