package io.paymentsession.adapter.observe.logging;

import java.util.regex.Pattern;

/**
 * The one scrubber of every log line but the access log's, in both formats: the text layout's {@code %scrub}
 * ({@link ScrubConverter}) and the JSON layout's {@code scrubbed} resolver ({@link ScrubbedResolverFactory}) pass
 * the message and the exception text through it. The value after authorization, aes256Key, password (apiPassword,
 * Password), secret-api-key, or Camel's printed property values ("with value: v", "applied by function [env] -> v"),
 * in header (Name: v), form (name=v) and JSON ("name":"v") shape, is written as ***.
 */
public final class LogScrubber {

    /** {@code (?=[apsw])} lets the search skip at once every place where none of the names can begin. */
    private static final Pattern SECRET = Pattern.compile("(?i)(?=[apsw])((?:authorization|aes256key|password|secret-?api-?key)"
            + "\"?\\s{0,3}[:=]\\s{0,3}|with value: |applied by function \\[\\w{1,20}\\] -> )"
            + "(?:\"[^\"]*\"?|(?:(?:basic|bearer|gcs) )?[^\\s\"&,;}\\]]+)");
    private static final String MASKED = "$1***";

    private LogScrubber() {
    }

    public static String scrub(CharSequence text) {
        return SECRET.matcher(text).replaceAll(MASKED);
    }
}
