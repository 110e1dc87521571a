package tracker.export;

import java.util.Locale;

/** Fixed-point number text for the exports: always a dot, never an exponent, whatever the JVM locale. */
final class Fixed {

    private Fixed() {
    }

    static String of(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        // -0.001 rounds to "-0.00"; a spreadsheet shows that as a distinct, confusing value.
        return text.startsWith("-") && text.chars().noneMatch(c -> c >= '1' && c <= '9') ? text.substring(1) : text;
    }
}
