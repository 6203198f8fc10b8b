package dev.passerelle.migrate.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SummaryTest {

    @Test
    void durationsAreHuman() {
        assertEquals("0.0 s", Summary.duration(Duration.ZERO));
        assertEquals("0.0 s", Summary.duration(Duration.ofMillis(-5)));
        assertEquals("0.1 s", Summary.duration(Duration.ofMillis(55)));
        assertEquals("1.1 s", Summary.duration(Duration.ofMillis(1100)));
        assertEquals("9.9 s", Summary.duration(Duration.ofMillis(9940)));
        assertEquals("10 s", Summary.duration(Duration.ofMillis(9960)));
        assertEquals("42 s", Summary.duration(Duration.ofSeconds(42)));
        assertEquals("1 min", Summary.duration(Duration.ofMillis(59_600)));
        assertEquals("3 min 5 s", Summary.duration(Duration.ofSeconds(185)));
        assertEquals("59 min 59 s", Summary.duration(Duration.ofSeconds(3599)));
        assertEquals("1 h", Summary.duration(Duration.ofSeconds(3600)));
        assertEquals("2 h 14 min", Summary.duration(Duration.ofMinutes(134)));
        assertEquals("23 h 59 min", Summary.duration(Duration.ofMinutes(24 * 60 - 1)));
        assertEquals("1 d", Summary.duration(Duration.ofHours(24)));
        assertEquals("3 d 4 h", Summary.duration(Duration.ofHours(76)));
    }
}
