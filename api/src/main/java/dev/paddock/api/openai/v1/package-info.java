/**
 * OpenAI API v1 wire types: the JSON bodies of {@code /v1/chat/completions}, {@code /v1/completions},
 * {@code /v1/embeddings} and {@code /v1/models}, field by field as OpenAI sends and accepts them.
 * Requests ignore unknown fields; fields whose JSON type varies (a string or an array) are kept as
 * {@link com.fasterxml.jackson.databind.JsonNode} for the gateway to read and reject by name.
 * Responses leave out absent optional fields and write {@code null} where OpenAI does.
 */
package dev.paddock.api.openai.v1;
