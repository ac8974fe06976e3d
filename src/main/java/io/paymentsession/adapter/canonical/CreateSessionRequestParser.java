package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a canonical CreateSession body. Every refusal is an {@code INVALID_REQUEST}
 * naming the first field at fault; the merchantId and correlationId are echoed when they are valid.
 */
public final class CreateSessionRequestParser {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    static final int MAX_TOKENS = 100;
    static final int MAX_FILTER_ITEMS = 100;
    private static final Pattern MERCHANT_ID = Pattern.compile("[0-9A-Za-z_-]{1,40}");
    private static final BigDecimal MAX_EXPIRY_MINUTES = BigDecimal.valueOf(1440);
    private static final Set<String> FIELDS = Set.of("merchantId", "correlationId", "authenticationLimit",
            "lineOfBusiness", "expiresInMinutes", "tokens", "paymentProductFilters");
    private static final Set<String> FILTER_SIDES = Set.of("restrictTo", "exclude");
    private static final Set<String> FILTER_LISTS = Set.of("groups", "products");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** @param body the request as UTF-8 JSON; null when the caller sent no body or one that is not text */
    public CreateSessionRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw CanonicalException.invalidRequest("The request body is empty or not text: a JSON object is expected.");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw CanonicalException.invalidRequest("The request body is larger than " + MAX_BODY_BYTES + " bytes.")
                    .withHttpStatus(413);
        }
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw CanonicalException.invalidRequest("The request body must be a JSON object.");
        }
        try {
            return validate(root);
        } catch (CanonicalException e) {
            throw e.withCaller(echoable(root.get("merchantId"), this::isMerchantId),
                    echoable(root.get("correlationId"), s -> isText(s, 1, 100)));
        }
    }

    private static JsonNode readTree(byte[] body) {
        CharBuffer text = strictUtf8(body);
        JsonParser parser = createParser(text);
        try (parser) {
            JsonNode root = Json.MAPPER.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw CanonicalException.invalidRequest("The request body is empty: a JSON object is expected.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(e.getLocation(), e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // valid JSON grammar, but an exponent BigDecimal cannot hold (beyond 32 bits): a limit RFC 8259 section 9 allows
            throw malformed(parser.currentTokenLocation(), "a number with an exponent beyond the range the adapter reads");
        } catch (IOException e) {
            throw CanonicalException.invalidRequest("Malformed JSON: " + e.getMessage());
        }
    }

    /**
     * The body as text, decoded strictly: JSON is UTF-8 (RFC 8259 section 8.1). Jackson on its own would guess
     * UTF-16 or UTF-32 from the bytes and accept overlong forms ({@code C1 A4} read as {@code d}) and encoded
     * surrogates; the JDK decoder refuses all of these. One leading UTF-8 byte order mark is ignored, as RFC 8259 allows.
     */
    private static CharBuffer strictUtf8(byte[] body) {
        ByteBuffer bytes = ByteBuffer.wrap(body);
        CharBuffer text = CharBuffer.allocate(body.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes, text, true);
        if (result.isError()) {
            throw CanonicalException.invalidRequest("Malformed JSON: the body is not UTF-8 (byte " + bytes.position() + ").");
        }
        text.flip();
        if (text.hasRemaining() && text.get(0) == BYTE_ORDER_MARK) {
            text.position(1);
        }
        return text;
    }

    private static JsonParser createParser(CharBuffer text) {
        try {
            return Json.MAPPER.createParser(text.array(), text.position(), text.remaining());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read from memory", e);
        }
    }

    private static CanonicalException malformed(JsonLocation at, String reason) {
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return CanonicalException.invalidRequest("Malformed JSON" + where + ": " + reason);
    }

    private CreateSessionRequest validate(JsonNode root) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw CanonicalException.invalidField(name, ValidationType.UNSUPPORTED,
                        "Field '" + name + "' is not part of the CreateSession request.");
            }
        }
        return new CreateSessionRequest(
                merchantId(root.get("merchantId")),
                optionalText(root, "correlationId", 1, 100, "of any kind"),
                authenticationLimit(root),
                lineOfBusiness(root),
                expiresInMinutes(root),
                tokens(root),
                paymentProductFilters(root));
    }

    private String merchantId(JsonNode node) {
        if (absent(node)) {
            throw CanonicalException.invalidField("merchantId", ValidationType.MISSING, "merchantId is required.");
        }
        if (!node.isTextual() || !isMerchantId(node.textValue())) {
            throw invalid("merchantId", "merchantId must be 1 to 40 characters of 0-9, A-Z, a-z, '_' or '-'.");
        }
        return node.textValue();
    }

    private boolean isMerchantId(String value) {
        return MERCHANT_ID.matcher(value).matches();
    }

    private static String optionalText(JsonNode root, String field, int min, int max, String kind) {
        JsonNode node = root.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual() || !isText(node.textValue(), min, max)) {
            throw invalid(field, field + " must be a string of " + min + " to " + max + " characters " + kind + ".");
        }
        return node.textValue();
    }

    private static Integer authenticationLimit(JsonNode root) {
        JsonNode node = root.get("authenticationLimit");
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 25) {
            throw invalid("authenticationLimit", "authenticationLimit must be a whole number from 0 to 25.");
        }
        return node.intValue();
    }

    private static String lineOfBusiness(JsonNode root) {
        String value = optionalText(root, "lineOfBusiness", 1, 100, "without whitespace");
        if (value != null && value.codePoints().anyMatch(c -> Character.isWhitespace(c)
                || Character.isSpaceChar(c) || Character.isISOControl(c))) {
            throw invalid("lineOfBusiness", "lineOfBusiness must be a string of 1 to 100 characters without whitespace.");
        }
        return value;
    }

    private static BigDecimal expiresInMinutes(JsonNode root) {
        JsonNode node = root.get("expiresInMinutes");
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber() || node.decimalValue().signum() <= 0
                || node.decimalValue().compareTo(MAX_EXPIRY_MINUTES) > 0) {
            throw invalid("expiresInMinutes", "expiresInMinutes must be a number greater than 0 and at most 1440.");
        }
        return node.decimalValue();
    }

    private static List<String> tokens(JsonNode root) {
        JsonNode node = root.get("tokens");
        if (absent(node)) {
            return null;
        }
        return textList(node, "tokens", MAX_TOKENS, 255);
    }

    private static PaymentProductFilters paymentProductFilters(JsonNode root) {
        JsonNode node = root.get("paymentProductFilters");
        if (absent(node)) {
            return null;
        }
        requireObject(node, "paymentProductFilters", FILTER_SIDES);
        return new PaymentProductFilters(
                productFilter(node.get("restrictTo"), "paymentProductFilters.restrictTo"),
                productFilter(node.get("exclude"), "paymentProductFilters.exclude"));
    }

    private static ProductFilter productFilter(JsonNode node, String path) {
        if (absent(node)) {
            return null;
        }
        requireObject(node, path, FILTER_LISTS);
        JsonNode groups = node.get("groups");
        JsonNode products = node.get("products");
        return new ProductFilter(
                absent(groups) ? null : textList(groups, path + ".groups", MAX_FILTER_ITEMS, 100),
                absent(products) ? null : productIds(products, path + ".products"));
    }

    private static void requireObject(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw invalid(path, path + " must be a JSON object.");
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (!allowed.contains(member.getKey())) {
                String field = path + "." + member.getKey();
                throw CanonicalException.invalidField(field, ValidationType.UNSUPPORTED,
                        "Field '" + field + "' is not supported; allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
    }

    private static List<String> textList(JsonNode node, String field, int maxItems, int maxLength) {
        String rule = field + " must be an array of at most " + maxItems + " strings of 1 to " + maxLength + " characters";
        if (!node.isArray() || node.size() > maxItems) {
            throw invalid(field, rule + ".");
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || !isText(item.textValue(), 1, maxLength)) {
                throw invalid(field, rule + "; item " + i + " is not.");
            }
            values.add(item.textValue());
        }
        return List.copyOf(values);
    }

    private static List<Integer> productIds(JsonNode node, String field) {
        String rule = field + " must be an array of at most " + MAX_FILTER_ITEMS + " positive whole numbers";
        if (!node.isArray() || node.size() > MAX_FILTER_ITEMS) {
            throw invalid(field, rule + ".");
        }
        List<Integer> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < 1) {
                throw invalid(field, rule + "; item " + i + " is not.");
            }
            values.add(item.intValue());
        }
        return List.copyOf(values);
    }

    /** A JSON null counts as absent: callers that serialise empty optionals as null are not refused. */
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** Length in characters (code points); lone surrogates are not text and are refused. */
    private static boolean isText(String value, int min, int max) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        int length = value.codePointCount(0, value.length());
        return length >= min && length <= max;
    }

    private static String echoable(JsonNode node, java.util.function.Predicate<String> valid) {
        return node != null && node.isTextual() && valid.test(node.textValue()) ? node.textValue() : null;
    }

    private static CanonicalException invalid(String field, String explanation) {
        return CanonicalException.invalidField(field, ValidationType.INVALID, explanation);
    }
}
