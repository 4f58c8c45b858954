package dev.twinledger.commandside.command;

/** A request header the command side reads is malformed (answered 400, naming the header). */
public final class InvalidHeader extends RuntimeException {

    private final String header;
    private final String reason;

    public InvalidHeader(String header, String reason) {
        super(header + ": " + reason);
        this.header = header;
        this.reason = reason;
    }

    public String header() {
        return header;
    }

    public String reason() {
        return reason;
    }
}
