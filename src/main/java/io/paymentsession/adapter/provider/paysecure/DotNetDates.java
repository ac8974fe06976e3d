package io.paymentsession.adapter.provider.paysecure;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The .NET JSON date {@code /Date(<ms since the epoch, UTC, may be negative>[±hhmm])/}. The offset only
 * says which zone the sender meant: the instant is the milliseconds alone.
 */
final class DotNetDates {

    /** .NET's DateTime.MinValue: the sender's way of saying "not set". */
    static final long MIN_VALUE_MILLIS = -62_135_596_800_000L;
    private static final Pattern DATE = Pattern.compile("/Date\\((-?\\d{1,16})([+-]\\d{4})?\\)/");

    private DotNetDates() {
    }

    /**
     * @return the instant, or empty for .NET's minimum date
     * @throws IllegalArgumentException when the text is not such a date
     */
    static Optional<Instant> parse(String text) {
        Matcher date = DATE.matcher(text);
        if (!date.matches()) {
            throw new IllegalArgumentException("not a /Date(ms)/ value");
        }
        long millis = Long.parseLong(date.group(1));
        return millis == MIN_VALUE_MILLIS ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
