package dev.twinledger.commandside.inventory;

import dev.twinledger.commandside.domain.RuleViolation;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules for a VM's tags (free key/value labels): at most {@value #MAX_TAGS} tags; a key is 1 to
 * {@value #MAX_LENGTH} letters, digits, '.', '_', '-', ':' or '/', starting with a letter or digit (so
 * {@code cost-center} and {@code app.example.org/tier} both work); a value is 1 to {@value #MAX_LENGTH} characters
 * without control characters.
 */
public final class Tags {

    public static final int MAX_TAGS = 50;
    public static final int MAX_LENGTH = 100;
    public static final String KEY_REGEX = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$";
    public static final String VALUE_REGEX = "^[^\\p{Cntrl}]{1,100}$";

    private static final Pattern KEY = Pattern.compile(KEY_REGEX);
    private static final Pattern VALUE = Pattern.compile(VALUE_REGEX);

    private Tags() {
    }

    /**
     * The tags as a sorted copy (so the stored event reads the same for the same tags).
     *
     * @throws RuleViolation naming the first key or value that breaks the rules
     */
    static Map<String, String> checked(Map<String, String> tags) {
        Checks.present(tags, "tags");
        if (tags.size() > MAX_TAGS) {
            throw new RuleViolation("tags may hold at most " + MAX_TAGS + " entries, had " + tags.size());
        }
        Map<String, String> sorted = new TreeMap<>();
        tags.forEach((key, value) -> {
            if (key == null || !KEY.matcher(key).matches()) {
                throw new RuleViolation("tag key '" + key + "' must be 1-" + MAX_LENGTH + " letters, digits, '.',"
                        + " '_', '-', ':' or '/', starting with a letter or digit");
            }
            if (value == null || !VALUE.matcher(value).matches()) {
                throw new RuleViolation("the value of tag '" + key + "' must be 1-" + MAX_LENGTH + " characters"
                        + " without control characters");
            }
            sorted.put(key, value);
        });
        return sorted;
    }
}
