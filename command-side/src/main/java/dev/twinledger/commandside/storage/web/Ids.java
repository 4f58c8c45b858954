package dev.twinledger.commandside.storage.web;

/**
 * The message every id-shape violation answers with (the regex itself is {@link dev.twinledger.api.ResourceIds}); the
 * same words as the inventory endpoints', kept here because web packages do not depend on each other.
 */
final class Ids {

    static final String SHAPE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private Ids() {
    }
}
