package dev.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paddock.api.inference.v1.ChatMessage;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlinePromptsTest {

    @Test
    void textUpToTheBoundIsSmallAndOneCharacterMoreIsNot() {
        assertThat(InlinePrompts.small(new Prompt.Text("a".repeat(InlinePrompts.MAX_CHARS)))).isTrue();
        assertThat(InlinePrompts.small(new Prompt.Text("a".repeat(InlinePrompts.MAX_CHARS + 1)))).isFalse();
    }

    @Test
    void tokenPromptsAreBoundedByAQuarterOfTheCharacterBound() {
        assertThat(InlinePrompts.small(new Prompt.Tokens(new int[InlinePrompts.MAX_CHARS / 4]))).isTrue();
        assertThat(InlinePrompts.small(new Prompt.Tokens(new int[InlinePrompts.MAX_CHARS / 4 + 1]))).isFalse();
    }

    @Test
    void aConversationCountsEveryMessageToolCallAndToolSchema() {
        String half = "b".repeat(InlinePrompts.MAX_CHARS / 2);
        ChatMessage user = new ChatMessage("user", half, null, null, null);
        assertThat(InlinePrompts.small(new Prompt.Chat(List.of(user), List.of()))).isTrue();
        assertThat(InlinePrompts.small(new Prompt.Chat(List.of(user, user, user), List.of()))).isFalse();

        ChatMessage call = new ChatMessage("assistant", null, null,
                List.of(new ChatMessage.ToolCall("c1", "lookup", half)), null);
        assertThat(InlinePrompts.small(new Prompt.Chat(List.of(user, call), null))).isFalse();

        var schema = JsonNodeFactory.instance.objectNode().put("description", half);
        ToolDefinition tool = new ToolDefinition("lookup", "finds things", schema);
        assertThat(InlinePrompts.small(new Prompt.Chat(List.of(user), List.of(tool)))).isFalse();
    }
}
