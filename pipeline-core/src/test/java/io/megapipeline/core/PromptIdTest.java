package io.megapipeline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptIdTest {

    @Test
    void generatedIdsAreValidUniqueAndTimeOrdered() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(PromptId.generate().toString());
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids, "ids sort in the order they were made");
        assertEquals(ids.size(), new HashSet<>(ids).size());
        assertTrue(ids.stream().allMatch(PromptId::isValid));
        assertTrue(ids.stream().allMatch(id -> id.matches("[0-9a-z]{26}")), "URL-safe");
    }

    @Test
    void theIdCarriesItsCreationTime() {
        Instant before = Instant.now().minusMillis(1);
        Instant created = PromptId.generate().createdAt();
        assertTrue(!created.isBefore(before) && created.isBefore(before.plus(Duration.ofSeconds(5))), created.toString());
    }

    @Test
    void aValidIdParsesToItself() {
        String id = PromptId.generate().toString();
        assertEquals(id, PromptId.of(id).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "../x", "..", "a/b", "01hzy3k6q8v2m9xw4t7rj5n0c", "01hzy3k6q8v2m9xw4t7rj5n0c00",
            "01HZY3K6Q8V2M9XW4T7RJ5N0CA", "01hzy3k6q8v2m9xw4t7rj5n0ci", "01hzy3k6q8v2m9xw4t7rj5n0cu",
            "01hzy3k6q8v2m9xw4t7rj5n0c%", "01hzy3k6q8v2m9xw4t7rj5n0c\u0430", "01hzy3k6q8v2m9xw4t7rj5n0c\u200b",
            "01hzy3k6q8v2m9xw4t7rj5n0\u00e9", "01hzy3k6q8v2m9xw4t7rj5n0c\n", " 01hzy3k6q8v2m9xw4t7rj5n0c",
            "81hzy3k6q8v2m9xw4t7rj5n0ca", "01hzy3k6q8v2m9xw4/../5n0ca" })
    void malformedIdsAreRefused(String value) {
        assertFalse(PromptId.isValid(value));
        assertThrows(IllegalArgumentException.class, () -> PromptId.of(value));
    }

    @Test
    void longAndNullIdsAreRefusedWithAReason() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> PromptId.of("a".repeat(300)));
        assertEquals("prompt id must have 26 characters, not 300", tooLong.getMessage());
        assertEquals("prompt id is empty", assertThrows(IllegalArgumentException.class, () -> PromptId.of(null)).getMessage());
    }
}
