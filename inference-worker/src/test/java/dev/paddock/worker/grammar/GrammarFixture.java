package dev.paddock.worker.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper: converts a schema, parses the grammar with {@link GbnfRecognizer} and asserts
 * which documents are in its language.
 *
 * <p>Schemas and documents are written with single quotes for readability; they are turned into
 * double quotes before use (use {@link #acceptsExactly}/{@link #rejectsExactly} for raw text).
 *
 * <p>If the system property {@code paddock.gbnf.validator} names an executable taking a grammar
 * file followed by input files and printing 1 or 0 per input (a thin wrapper around llama.cpp's
 * grammar code), every verdict is also checked against real llama.cpp.
 */
final class GrammarFixture {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VALIDATOR = System.getProperty("paddock.gbnf.validator");

    private final String grammar;
    private final GbnfRecognizer recognizer;

    private GrammarFixture(String grammar) {
        this.grammar = grammar;
        this.recognizer = GbnfRecognizer.parse(grammar);
    }

    /** The grammar for a schema written with single quotes. */
    static GrammarFixture forSchema(String schema) {
        return new GrammarFixture(JsonSchemaGrammar.fromSchema(json(schema)));
    }

    static GrammarFixture forGrammar(String grammar) {
        return new GrammarFixture(grammar);
    }

    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + singleQuoted, e);
        }
    }

    String grammar() {
        return grammar;
    }

    GbnfRecognizer recognizer() {
        return recognizer;
    }

    GrammarFixture accepts(String... documents) {
        for (String document : documents) {
            acceptsExactly(document.replace('\'', '"'));
        }
        return this;
    }

    GrammarFixture rejects(String... documents) {
        for (String document : documents) {
            rejectsExactly(document.replace('\'', '"'));
        }
        return this;
    }

    GrammarFixture acceptsExactly(String document) {
        check(document, true);
        return this;
    }

    GrammarFixture rejectsExactly(String document) {
        check(document, false);
        return this;
    }

    private void check(String document, boolean expected) {
        assertThat(recognizer.accepts(document))
                .as("grammar should %s <%s>%n%s", expected ? "accept" : "reject", document, grammar)
                .isEqualTo(expected);
        if (VALIDATOR != null) {
            assertThat(llamaCpp(document))
                    .as("llama.cpp should %s <%s>%n%s", expected ? "accept" : "reject", document, grammar)
                    .isEqualTo(expected ? "1" : "0");
        }
    }

    private String llamaCpp(String document) {
        try {
            Path grammarFile = Files.createTempFile("grammar", ".gbnf");
            Path inputFile = Files.createTempFile("input", ".txt");
            Files.writeString(grammarFile, grammar, StandardCharsets.UTF_8);
            Files.writeString(inputFile, document, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(VALIDATOR, grammarFile.toString(), inputFile.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            Files.delete(grammarFile);
            Files.delete(inputFile);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
