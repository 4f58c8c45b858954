package dev.twinledger.api;

import java.util.regex.Pattern;

/**
 * The shape every client-chosen resource id must have: 1 to 64 characters, letters, digits, dot, underscore and
 * hyphen, starting with a letter or digit. Ids are compared case-sensitively.
 */
public final class ResourceIds {

    /** The pattern as a regular expression string, for validation annotations. */
    public static final String REGEX = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private ResourceIds() {
    }

    /** Whether {@code id} is a well-formed resource id; {@code null} is not. */
    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
