package dev.paddock.api.eval.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One item of a dataset, in one of three shapes: a completion {@link #prompt} with its
 * {@link #expected} answer, a chat ({@link #messages}) with its expected answer, or a multiple-choice
 * {@link #question} with {@link #choices} and the correct {@link #answer}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetItem {

    /** A completion prompt (sent to {@code /v1/completions}). */
    @JsonPropertyDescription("A completion prompt (sent to /v1/completions).")
    public String prompt;

    /** A chat (sent to {@code /v1/chat/completions}). */
    @JsonPropertyDescription("A chat (sent to /v1/chat/completions).")
    public List<Message> messages;

    /** The expected answer. */
    @JsonPropertyDescription("The expected answer.")
    public String expected;

    /** A multiple-choice question (the text before each choice). */
    @JsonPropertyDescription("A multiple-choice question (the text before each choice).")
    public String question;

    /** The choices of a multiple-choice question. */
    @JsonPropertyDescription("The choices of a multiple-choice question.")
    public List<String> choices;

    /** The correct choice: its text, its letter (A, B, ...) or its 0-based index. */
    @JsonPropertyDescription("The correct choice: its text, its letter (A, B, ...) or its 0-based index.")
    public String answer;

    /** One chat message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Message {
        /** system, user or assistant. */
        @JsonPropertyDescription("system, user or assistant.")
        public String role;
        /** The message text. */
        @JsonPropertyDescription("The message text.")
        public String content;

        public Message() {
        }

        public Message(String role, String content) {
            this.role = role;
            this.content = content;
        }
    }

    /** Checks the item's shape against what the scorers need; messages start with {@code path}. */
    public List<String> validate(String path, List<ScorerSpec> scorers) {
        List<String> problems = new ArrayList<>();
        int shapes = (prompt != null ? 1 : 0) + (messages != null ? 1 : 0) + (question != null ? 1 : 0);
        if (shapes != 1) {
            problems.add(path + ": give exactly one of prompt, messages or question (got " + shapes + ")");
            return problems;
        }
        boolean multipleChoice = scorers.stream().anyMatch(s -> s != null && s.type == ScorerSpec.Type.multiple_choice);
        if (multipleChoice != (question != null)) {
            problems.add(path + (multipleChoice ? ": the multiple_choice scorer needs question, choices and answer"
                    : ".question: multiple-choice items need the multiple_choice scorer"));
            return problems;
        }
        if (question != null) {
            checkChoices(problems, path);
        } else {
            checkMessages(problems, path);
            boolean needsExpected = scorers.stream().anyMatch(s -> s != null && s.type != null && s.type.needsExpected());
            if (needsExpected && expected == null) {
                problems.add(path + ".expected: required by the scorers " + scorers.stream()
                        .filter(s -> s != null && s.type != null && s.type.needsExpected()).map(ScorerSpec::displayName).toList());
            }
        }
        return problems;
    }

    /** The index of the correct choice, or -1 when {@link #answer} names none. */
    @JsonIgnore
    public int answerIndex() {
        if (choices == null || answer == null) {
            return -1;
        }
        int byText = choices.indexOf(answer);
        if (byText >= 0) {
            return byText;
        }
        if (answer.length() == 1 && Character.isUpperCase(answer.charAt(0)) && answer.charAt(0) - 'A' < choices.size()) {
            return answer.charAt(0) - 'A';
        }
        try {
            int i = Integer.parseInt(answer.trim());
            return i >= 0 && i < choices.size() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void checkChoices(List<String> problems, String path) {
        if (choices == null || choices.size() < 2 || choices.stream().anyMatch(Objects::isNull)) {
            problems.add(path + ".choices: at least two choices are required");
        } else if (answerIndex() < 0) {
            problems.add(path + ".answer: must be one of the choices, its letter (A-" + (char) ('A' + choices.size() - 1)
                    + ") or its index 0-" + (choices.size() - 1) + " (got " + (answer == null ? "nothing" : "'" + answer + "'") + ")");
        }
    }

    private void checkMessages(List<String> problems, String path) {
        if (messages == null) {
            return;
        }
        if (messages.isEmpty()) {
            problems.add(path + ".messages: at least one message is required");
        }
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m == null || m.content == null || !List.of("system", "user", "assistant").contains(m.role)) {
                problems.add(path + ".messages[" + i + "]: needs role (system, user or assistant) and content");
            }
        }
    }
}
