package io.paymentsession.adapter.provider.paysecure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DotNetDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/Date(1700000000000)/, 2023-11-14T22:13:20Z",
        "/Date(1700000000123+0100)/, 2023-11-14T22:13:20.123Z",
        "/Date(1700000000000-0530)/, 2023-11-14T22:13:20Z",
        "/Date(0)/, 1970-01-01T00:00:00Z",
        "/Date(-1000)/, 1969-12-31T23:59:59Z",
        "/Date(-1-0000)/, 1969-12-31T23:59:59.999Z",
        "/Date(-62135596799999)/, 0001-01-01T00:00:00.001Z"})
    void readsTheMillisecondsExactlyWhateverTheOffset(String text, String instant) {
        assertEquals(Instant.parse(instant), DotNetDates.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Date(-62135596800000)/", "/Date(-62135596800000-0000)/", "/Date(-62135596800000+0000)/"})
    void treatsTheDotNetMinimumAsNotSet(String text) {
        assertTrue(DotNetDates.parse(text).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-11-14T22:13:20Z", "/Date()/", "/Date(12a)/", "Date(1)", "/Date(1+01)/", "/Date(1)/x", "\\/Date(1)\\/"})
    void refusesAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> DotNetDates.parse(text));
    }
}
