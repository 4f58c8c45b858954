package dev.twinledger.commandside.domain;

/**
 * The command breaks a business rule, for example it names a site or host that does not exist or a host that cannot
 * take the VM (answered 422).
 */
public final class RuleViolation extends CommandRefused {

    public RuleViolation(String message) {
        super(message);
    }
}
