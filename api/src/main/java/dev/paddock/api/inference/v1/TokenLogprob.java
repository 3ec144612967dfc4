package dev.paddock.api.inference.v1;

import java.util.List;

/**
 * The log-probability of one token, with the most likely alternatives at that position.
 *
 * @param token the token id
 * @param text the token's text (may be a partial UTF-8 sequence rendered with replacement characters)
 * @param bytes the token's raw bytes
 * @param logprob natural-log probability under the model's distribution (before sampling filters), always &lt;= 0
 * @param top the top alternatives at this position, most likely first (empty when none were asked for)
 */
public record TokenLogprob(int token, String text, byte[] bytes, float logprob, List<Alternative> top) {

    /** One alternative token at a position. */
    public record Alternative(int token, String text, byte[] bytes, float logprob) {
    }
}
