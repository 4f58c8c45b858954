package dev.twinledger.support.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValuesTest {

    /** Spring Security's default for header values (StrictHttpFirewall), the behaviour to keep. */
    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private final HeaderValues values = new HeaderValues();

    @Test
    void decidesEveryCodePointAsSpringSecuritysDefault() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String value = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(values.test(value)).as("U+%04X", codePoint)
                    .isEqualTo(SPRING_DEFAULT.matcher(value).matches());
        }
    }

    @Test
    void acceptsATokenAndRefusesControlCharacters() {
        List<String> accepted = List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_", "text/plain; q=0.9",
                "Grüße", "\uD83D\uDE00");
        List<String> others = List.of("a\tb", "a\nb", "a\rb", "a\u0000b", "a\u007fb", "a\u0085b", "\uD83D", "x\u0378");
        accepted.forEach(value -> assertThat(values.test(value)).as(value).isTrue()
                .isEqualTo(SPRING_DEFAULT.matcher(value).matches()));
        others.forEach(value -> assertThat(values.test(value)).as(value)
                .isEqualTo(SPRING_DEFAULT.matcher(value).matches()));
        assertThat(values.test("a\tb")).isFalse();
        assertThat(values.test("a\u0000b")).isFalse();
        assertThat(values.test("x\u0378")).isFalse();
    }
}
