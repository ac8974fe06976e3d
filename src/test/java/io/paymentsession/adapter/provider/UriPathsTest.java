package io.paymentsession.adapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UriPathsTest {

    @Test
    void keepsPlainIdsAsTheyAre() {
        assertEquals("TESTAB2894354", UriPaths.segment("TESTAB2894354"));
        assertEquals("WL-EU_01", UriPaths.segment("WL-EU_01"));
    }

    @Test
    void encodesEverythingThatCouldLeaveTheSegment() {
        assertEquals("a%2F%2E%2E%2Fb%3Fx%3D1%23y%20%25", UriPaths.segment("a/../b?x=1#y %"));
        assertEquals("%2E%2E", UriPaths.segment(".."));
        assertEquals("%C3%A9", UriPaths.segment("é"));
    }
}
