package dev.twinledger.commandside.campaign.web;

/** The message every id-shape violation answers with (the regex itself is {@link dev.twinledger.api.ResourceIds}). */
final class Ids {

    static final String SHAPE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private Ids() {
    }
}
