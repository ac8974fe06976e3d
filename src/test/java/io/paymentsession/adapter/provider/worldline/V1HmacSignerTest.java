package io.paymentsession.adapter.provider.worldline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published test vectors of the official SDKs (providers.md), and the Create Session example. */
class V1HmacSignerTest {

    private static final String DATE = "Fri, 06 Jun 2014 13:39:43 GMT";

    @ParameterizedTest
    @CsvSource({
        "I42Zf4pVnRdroHfuHnRiJjJ2B6+22h0yQt/R3nZR8Xg=, J5LjfSBvrQNhu7gG0gvifZt+IWNDReGCmHmBmth6ueI=",
        "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1, 9ond5EIN05dBXJGCLRK5om9pxHsyrh/12pZJ7bvmwNM="})
    void signsTheGetVectors(String secret, String signature) {
        String stringToSign = V1HmacSigner.stringToSign("GET", null, DATE, Map.of(), "/v1/9991/tokens/123456789");
        assertEquals("GET\n\nFri, 06 Jun 2014 13:39:43 GMT\n/v1/9991/tokens/123456789\n", stringToSign);
        assertEquals(signature, V1HmacSigner.signature(secret, stringToSign));
    }

    @Test
    void signsTheDeleteVectorWithSortedLowerCaseGcsHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GCS-ServerMetaInfo", "processed header value");
        headers.put("Content-Type", "application/json");
        headers.put("X-GCS-ClientMetaInfo", "processed header value");
        headers.put("X-GCS-CustomerHeader", "processed header value");
        headers.put("Date", DATE);
        String stringToSign = V1HmacSigner.stringToSign("delete", "application/json", DATE, headers, "/v1/9991/tokens/123456789");
        assertEquals("DELETE\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\n"
                + "x-gcs-clientmetainfo:processed header value\nx-gcs-customerheader:processed header value\n"
                + "x-gcs-servermetainfo:processed header value\n/v1/9991/tokens/123456789\n", stringToSign);
        assertEquals("VfnXpPBQQoHZivTcAg0JvOWkhnzlPnaCPKpTQn/uMJM=", V1HmacSigner.signature("secretApiKey", stringToSign));
    }

    @Test
    void foldsLineBreaksInHeaderValuesBeforeSigning() {
        Map<String, String> folded = Map.of(
                "X-GCS-ServerMetaInfo", "  processed\r\n   header value ",
                "X-GCS-ClientMetaInfo", "processed\n\theader\n value",
                "X-GCS-CustomerHeader", "processed header value");
        String stringToSign = V1HmacSigner.stringToSign("DELETE", "application/json", DATE, folded, "/v1/9991/tokens/123456789");
        assertEquals("VfnXpPBQQoHZivTcAg0JvOWkhnzlPnaCPKpTQn/uMJM=", V1HmacSigner.signature("secretApiKey", stringToSign));
    }

    @Test
    void signsTheCreateSessionExample() {
        String stringToSign = V1HmacSigner.stringToSign("POST", "application/json", DATE, Map.of(), "/v1/9991/sessions");
        assertEquals("POST\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\n/v1/9991/sessions\n", stringToSign);
        assertEquals("GCS v1HMAC:5e45c937b9db33ae:szgH6D8yVxN5YOAchHfJnMPaAiOnAgjj/O6cFXPHKgo=",
                V1HmacSigner.authorization("5e45c937b9db33ae", "I42Zf4pVnRdroHfuHnRiJjJ2B6+22h0yQt/R3nZR8Xg=", stringToSign));
    }
}
