package dev.twinledger.policies.permission;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An action on a resource type, written {@code type:action} (for example {@code vm:provision}). Both parts are
 * lower-case words: a letter, then letters, digits or hyphens. Ordered and compared by their written form.
 *
 * @param resourceType the resource type, e.g. {@code vm}; not null, a lower-case word
 * @param action       the action, e.g. {@code provision}; not null, a lower-case word
 */
public record Permission(String resourceType, String action) implements Comparable<Permission> {

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Checks both parts. Throws {@link NullPointerException} for a null part, {@link IllegalArgumentException} for a
     * malformed one.
     */
    public Permission {
        requireWord(resourceType, "resource type");
        requireWord(action, "action");
    }

    /**
     * Parses {@code type:action}.
     *
     * @param text the written form; not null
     * @return the permission
     * @throws IllegalArgumentException when the text is not exactly one well-formed {@code type:action}
     */
    public static Permission parse(String text) {
        Objects.requireNonNull(text, "permission");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("permission must be written type:action, was '" + text + "'");
        }
        return new Permission(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Whether {@code text} is a well-formed, lower-case word as both parts of a permission must be; null is not. */
    public static boolean isWord(String text) {
        return text != null && WORD.matcher(text).matches();
    }

    static void requireWord(String text, String what) {
        Objects.requireNonNull(text, what);
        if (!isWord(text)) {
            throw new IllegalArgumentException(what + " must be a lower-case word (letters, digits, hyphens), was '"
                    + text + "'");
        }
    }

    @Override
    public int compareTo(Permission other) {
        return toString().compareTo(other.toString());
    }

    /** The written form, {@code type:action}. */
    @Override
    public String toString() {
        return resourceType + ":" + action;
    }
}
