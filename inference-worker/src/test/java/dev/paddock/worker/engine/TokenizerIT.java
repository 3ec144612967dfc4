package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.api.inference.v1.ChatMessage;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real 32,000-token SentencePiece vocabulary of llama-2-tiny-random, and chat templates. */
class TokenizerIT {

    private static Engine engine;

    @BeforeAll
    static void load() {
        engine = Engine.load("llama2", TestModels.llama2TinyRandom(), ModelOptions.defaults().withParallel(2)
                .withContextSize(512));
    }

    @AfterAll
    static void unload() {
        engine.close();
    }

    @Test
    void tokenizeThenDetokenizeRoundTrips() {
        LlamaModel m = engine.model();
        assertThat(m.vocabSize()).isEqualTo(32000);
        String text = "Hello, world! Ünïcödé and emoji 🦙 too.";
        int[] tokens = m.tokenize(text, false, false);
        assertThat(tokens.length).isGreaterThan(5);
        assertThat(m.detokenize(tokens).strip()).isEqualTo(text);
    }

    @Test
    void addSpecialPrependsBos() {
        LlamaModel m = engine.model();
        int[] with = m.tokenize("hi", true, false);
        assertThat(with[0]).isEqualTo(m.bosToken());
        assertThat(m.tokenize("hi", false, false)[0]).isNotEqualTo(m.bosToken());
    }

    @Test
    void chatIsRenderedWithATemplateAndTokenizedWithSpecialTokens() {
        Prompt.Chat chat = new Prompt.Chat(List.of(ChatMessage.of("system", "Be brief."),
                ChatMessage.of("user", "Hi there")), List.of());
        int[] tokens = engine.promptTokens(chat);
        String text = engine.model().detokenize(tokens);
        assertThat(text).contains("Be brief.").contains("Hi there");
        assertThat(engine.chatTemplateDescription()).isNotBlank();
        assertThat(tokens[0]).isEqualTo(engine.model().bosToken());
    }

    @Test
    void configuredBuiltinTemplateIsUsed() {
        try (Engine chatml = Engine.load("chatml", TestModels.llama2TinyRandom(), ModelOptions.defaults()
                .withParallel(1).withContextSize(256).withChatTemplate("chatml"))) {
            int[] tokens = chatml.promptTokens(new Prompt.Chat(List.of(ChatMessage.of("user", "Hi")), List.of()));
            String text = chatml.model().detokenize(tokens);
            assertThat(text).contains("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        }
    }
}
