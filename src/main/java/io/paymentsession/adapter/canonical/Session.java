package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code session} object of a reply. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "updateStatus", "version", "authenticationLimit", "aes256Key", "expiresAt"})
public record Session(String id, String updateStatus, String version, Integer authenticationLimit,
                      String aes256Key, String expiresAt) {

    /** Never print the AES key, whoever logs this record. */
    @Override
    public String toString() {
        return "Session[id=" + id + ", updateStatus=" + updateStatus + ", version=" + version
                + ", authenticationLimit=" + authenticationLimit + ", aes256Key=" + (aes256Key == null ? null : "***")
                + ", expiresAt=" + expiresAt + "]";
    }
}
