package dev.twinledger.queryside.access;

import dev.twinledger.queryside.web.InvalidParameter;

/** A query parameter of an access endpoint that does not parse or makes no sense: 400 naming it. */
public class InvalidAccessParameter extends InvalidParameter {

    InvalidAccessParameter(String parameter, String reason) {
        super(parameter, reason);
    }
}
