package io.paymentsession.adapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.paymentsession.adapter.canonical.Cause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's table of each dialect's codes (under a {@code <!-- provider-codes: <ids> -->} marker) is exactly the
 * table the dialect's mapper uses: nothing missing, nothing extra, and the HTTP status each cause is answered with.
 */
class ProviderCodesReadmeTest {

    private static final Pattern MARKER = Pattern.compile("<!-- provider-codes: ([a-z0-9 -]+) -->");
    private static final Pattern STATUS = Pattern.compile("\\d{3}|\\dxx");
    private static final Pattern WHATEVER_CODE = Pattern.compile("HTTP (\\S+), whatever the code");
    private static final Pattern CODE = Pattern.compile("code `([^`]+)`( \\(.*\\))?");
    private static final Pattern ANOTHER_CODE = Pattern.compile("HTTP (\\S+), another code( \\(.*\\))?");
    private static final String ANY_STATUS = "any other HTTP status, another code";
    private static final Pattern CAUSE = Pattern.compile("`([A-Z_]+)`( \\(\\+ `Retry-After`\\))?");

    /** One README table, read back into the shape of {@link ProviderCodes}. */
    private record ReadmeTable(List<String> dialects, ProviderCodes codes) {
    }

    @Test
    void everyDialectsReadmeTableIsItsMappersTable() throws IOException {
        List<ReadmeTable> tables = readmeTables(Files.readString(Path.of("README.md")));
        List<String> listed = new ArrayList<>();
        for (ReadmeTable table : tables) {
            for (String id : table.dialects()) {
                Dialect dialect = Dialects.byId(id).orElseThrow(() -> new AssertionError("README lists codes of an unknown dialect " + id));
                ProviderCodes mapper = dialect.providerCodes();
                assertEquals(mapper.statusesWhateverCode(), table.codes().statusesWhateverCode(), id + ": HTTP statuses whatever the code");
                assertEquals(mapper.codes(), table.codes().codes(), id + ": the codes known");
                assertEquals(mapper.statuses(), table.codes().statuses(), id + ": HTTP statuses with another code");
                listed.add(id);
            }
        }
        assertEquals(Dialects.ids().stream().sorted().toList(), listed.stream().sorted().toList(),
                "every dialect has exactly one README table");
    }

    @Test
    void theParserRefusesARowItCannotRead() {
        String readme = "<!-- provider-codes: worldline -->\n| says | cause | HTTP |\n|---|---|---|\n"
                + "| code 1409 without backticks | `REQUEST_IN_PROGRESS` (+ `Retry-After`) | 409 |\n";
        AssertionError refused = assertThrows(AssertionError.class, () -> readmeTables(readme));
        assertTrue(refused.getMessage().contains("code 1409 without backticks"), refused.getMessage());
    }

    @Test
    void aRowWhoseHttpStatusIsNotItsCausesIsRefused() {
        String readme = "<!-- provider-codes: worldline -->\n| says | cause | HTTP |\n|---|---|---|\n"
                + "| code `1409` | `REQUEST_IN_PROGRESS` (+ `Retry-After`) | 503 |\n| any other HTTP status, another code | `INVALID_REQUEST` | 400 |\n";
        AssertionError refused = assertThrows(AssertionError.class, () -> readmeTables(readme));
        assertTrue(refused.getMessage().contains("expected: <409> but was: <503>"), refused.getMessage());
    }

    private static List<ReadmeTable> readmeTables(String readme) {
        List<ReadmeTable> tables = new ArrayList<>();
        List<String> lines = readme.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).trim());
            if (!marker.matches()) {
                continue;
            }
            List<String> dialects = List.of(marker.group(1).trim().split(" +"));
            assertTrue(lines.get(i + 1).startsWith("|") && lines.get(i + 2).startsWith("|---"),
                    "a table right after the marker of " + dialects);
            Map<String, Cause> whateverCode = new HashMap<>();
            Map<String, Cause> codes = new HashMap<>();
            Map<String, Cause> statuses = new HashMap<>();
            int row = i + 3;
            for (; row < lines.size() && lines.get(row).startsWith("|"); row++) {
                readRow(lines.get(row), whateverCode, codes, statuses);
            }
            assertFalse(codes.isEmpty() && statuses.isEmpty(), "rows in the table of " + dialects);
            tables.add(new ReadmeTable(dialects, new ProviderCodes(whateverCode, codes, statuses)));
            i = row;
        }
        assertFalse(tables.isEmpty(), "README has provider-codes tables");
        return tables;
    }

    private static void readRow(String line, Map<String, Cause> whateverCode, Map<String, Cause> codes, Map<String, Cause> statuses) {
        String[] cells = line.split("\\|");
        if (cells.length != 4) {
            fail("not a row of three cells: " + line);
        }
        String says = cells[1].trim();
        Matcher causeCell = CAUSE.matcher(cells[2].trim());
        if (!causeCell.matches()) {
            fail("not a cause: " + line);
        }
        Cause cause = Cause.valueOf(causeCell.group(1));
        assertEquals(Integer.toString(cause.httpStatus()), cells[3].trim(), "the HTTP status of " + cause + " in: " + line);
        assertEquals(cause == Cause.SERVER_BUSY || cause == Cause.REQUEST_IN_PROGRESS, causeCell.group(2) != null,
                "Retry-After is noted exactly with SERVER_BUSY and REQUEST_IN_PROGRESS: " + line);
        Matcher matcher;
        Cause before;
        if ((matcher = WHATEVER_CODE.matcher(says)).matches()) {
            before = whateverCode.put(status(matcher.group(1), line), cause);
        } else if ((matcher = CODE.matcher(says)).matches()) {
            before = codes.put(matcher.group(1), cause);
        } else if ((matcher = ANOTHER_CODE.matcher(says)).matches()) {
            before = statuses.put(status(matcher.group(1), line), cause);
        } else if (says.equals(ANY_STATUS)) {
            before = statuses.put(ProviderCodes.ANY_STATUS, cause);
        } else {
            throw new AssertionError("a row the table cannot say: " + line);
        }
        assertNull(before, "listed twice: " + line);
    }

    private static String status(String text, String line) {
        assertTrue(STATUS.matcher(text).matches(), "an HTTP status such as 401 or 5xx: " + line);
        return text;
    }
}
