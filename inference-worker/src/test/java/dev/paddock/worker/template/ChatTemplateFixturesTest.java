package dev.paddock.worker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every real-world template under {@code src/test/resources/templates/} with every
 * conversation its {@code manifest.json} lists, with and without the generation prompt, and
 * compares with what Python's Jinja2 produced the way transformers renders
 * ({@code expected/TEMPLATE/CONVERSATION.gen.txt}, {@code .nogen.txt}, or {@code .error.txt} with
 * the message of the template's {@code raise_exception}). {@code render_reference.py} in that
 * folder regenerates the expected files.
 */
class ChatTemplateFixturesTest {

    /** The instant render_reference.py uses for strftime_now. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T09:26:53Z"), ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    record Spec(String bos, String eos, List<String> conversations) {
    }

    record Conversation(List<Map<String, Object>> messages, List<Map<String, Object>> tools) {
    }

    static Stream<Arguments> cases() {
        Map<String, Spec> manifest = readJson("manifest.json", new TypeReference<>() { });
        List<Arguments> cases = new ArrayList<>();
        manifest.forEach((template, spec) -> {
            for (String conversation : spec.conversations()) {
                for (boolean generationPrompt : new boolean[] { false, true }) {
                    cases.add(Arguments.of(template, conversation, generationPrompt));
                }
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / add_generation_prompt={2}")
    @MethodSource("cases")
    void rendersLikeJinja2(String template, String conversationName, boolean addGenerationPrompt) {
        Spec spec = readJson("manifest.json", new TypeReference<Map<String, Spec>>() { }).get(template);
        Conversation conversation = readJson("conversations/" + conversationName + ".json", new TypeReference<>() { });
        ChatTemplate chatTemplate = ChatTemplate.compile(read(template + ".jinja"), spec.bos(), spec.eos(), CLOCK);
        String stem = "expected/" + template + "/" + conversationName + (addGenerationPrompt ? ".gen" : ".nogen");

        String expectedError = readIfPresent(stem + ".error.txt");
        if (expectedError != null) {
            assertThatThrownBy(() -> chatTemplate.render(conversation.messages(), conversation.tools(), addGenerationPrompt))
                .isInstanceOf(TemplateException.class)
                .hasMessage(expectedError);
        } else {
            assertThat(chatTemplate.render(conversation.messages(), conversation.tools(), addGenerationPrompt))
                .isEqualTo(read(stem + ".txt"));
        }
    }

    static String read(String path) {
        String text = readIfPresent(path);
        if (text == null) {
            throw new IllegalArgumentException("no test resource templates/" + path);
        }
        return text;
    }

    private static String readIfPresent(String path) {
        try (InputStream in = ChatTemplateFixturesTest.class.getResourceAsStream("/templates/" + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T readJson(String path, TypeReference<T> type) {
        try {
            return JSON.readValue(read(path), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
