package dev.paddock.api.inference.v1.wire;

import dev.paddock.api.inference.v1.ChatMessage;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.ToolDefinition;
import dev.paddock.api.inference.v1.proto.Chat;
import dev.paddock.api.inference.v1.proto.Message;
import dev.paddock.api.inference.v1.proto.Tokens;
import dev.paddock.api.inference.v1.proto.Tool;
import dev.paddock.api.inference.v1.proto.ToolCall;
import java.util.Arrays;
import java.util.List;

/** {@link Prompt} to and from its protobuf form. */
final class PromptCodec {

    private PromptCodec() {
    }

    static dev.paddock.api.inference.v1.proto.Prompt encode(Prompt prompt) {
        var b = dev.paddock.api.inference.v1.proto.Prompt.newBuilder();
        switch (prompt) {
            case Prompt.Text t -> b.setText(t.text());
            case Prompt.Tokens t -> b.setTokens(Tokens.newBuilder()
                    .addAllIds(Arrays.stream(t.tokens()).boxed().toList()));
            case Prompt.Chat c -> b.setChat(Chat.newBuilder()
                    .addAllMessages(c.messages().stream().map(PromptCodec::encode).toList())
                    .addAllTools(c.tools() == null ? List.of() : c.tools().stream().map(PromptCodec::encode).toList()));
        }
        return b.build();
    }

    static Prompt decode(dev.paddock.api.inference.v1.proto.Prompt p) {
        return switch (p.getKindCase()) {
            case TEXT -> new Prompt.Text(p.getText());
            case TOKENS -> new Prompt.Tokens(p.getTokens().getIdsList().stream().mapToInt(Integer::intValue).toArray());
            case CHAT -> new Prompt.Chat(p.getChat().getMessagesList().stream().map(PromptCodec::decode).toList(),
                    p.getChat().getToolsList().stream().map(PromptCodec::decode).toList());
            case KIND_NOT_SET -> throw new WireFormatException("a prompt has no kind");
        };
    }

    private static Message encode(ChatMessage m) {
        var b = Message.newBuilder().setRole(m.role());
        if (m.content() != null) {
            b.setContent(m.content());
        }
        if (m.name() != null) {
            b.setName(m.name());
        }
        if (m.toolCallId() != null) {
            b.setToolCallId(m.toolCallId());
        }
        for (ChatMessage.ToolCall c : m.toolCalls() == null ? List.<ChatMessage.ToolCall>of() : m.toolCalls()) {
            b.addToolCalls(ToolCall.newBuilder().setId(c.id()).setName(c.name()).setArguments(c.arguments()));
        }
        return b.build();
    }

    private static ChatMessage decode(Message m) {
        List<ChatMessage.ToolCall> calls = m.getToolCallsList().stream()
                .map(c -> new ChatMessage.ToolCall(c.getId(), c.getName(), c.getArguments())).toList();
        return new ChatMessage(m.getRole(), m.hasContent() ? m.getContent() : null, m.hasName() ? m.getName() : null,
                calls, m.hasToolCallId() ? m.getToolCallId() : null);
    }

    private static Tool encode(ToolDefinition t) {
        var b = Tool.newBuilder().setName(t.name());
        if (t.description() != null) {
            b.setDescription(t.description());
        }
        if (t.parameters() != null) {
            b.setParametersJson(Json.write(t.parameters()));
        }
        return b.build();
    }

    private static ToolDefinition decode(Tool t) {
        return new ToolDefinition(t.getName(), t.hasDescription() ? t.getDescription() : null,
                t.hasParametersJson() ? Json.read(t.getParametersJson()) : null);
    }
}
