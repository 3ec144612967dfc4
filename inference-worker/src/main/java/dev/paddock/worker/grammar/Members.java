package dev.paddock.worker.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out the members of an object in declaration order with correct commas when some members
 * are optional: a comma may only appear between two members that are both present.
 *
 * <p>Once any member has been written, every later member simply brings its own leading comma.
 * Before that, the first member actually written is one of the optional members up to (and
 * including) the first required one, so the layout is a choice over those candidates.
 */
final class Members {

    /**
     * One object member slot.
     *
     * @param symbol   rule producing the whole {@code "key": value} pair
     * @param required whether the member must be present
     * @param repeated whether it may occur any number of times (additional properties)
     */
    record Member(String symbol, boolean required, boolean repeated) {
    }

    private Members() {
    }

    /** The grammar between the braces; "" when there are no members at all. */
    static String layout(List<Member> members, String space) {
        List<String> firstChoices = new ArrayList<>();
        boolean anyRequired = false;
        for (int i = 0; i < members.size() && !anyRequired; i++) {
            Member member = members.get(i);
            String repeats = member.repeated() ? Gbnf.repeat(afterComma(member, space), 0, null) : "";
            firstChoices.add(Gbnf.seq(member.symbol(), repeats, following(members, i + 1, space)));
            anyRequired = member.required();
        }
        if (firstChoices.isEmpty()) {
            return "";
        }
        if (anyRequired && firstChoices.size() == 1) {
            return firstChoices.getFirst();
        }
        String choice = Gbnf.group(String.join(" | ", firstChoices));
        return anyRequired ? choice : choice + "?";
    }

    /** Members from {@code from} on, each behind its own comma, once something was written. */
    private static String following(List<Member> members, int from, String space) {
        List<String> parts = new ArrayList<>();
        for (Member member : members.subList(from, members.size())) {
            String pair = afterComma(member, space);
            parts.add(member.required()
                    ? Gbnf.seq("\",\"", space, member.symbol())
                    : Gbnf.repeat(pair, 0, member.repeated() ? null : 1));
        }
        return Gbnf.seq(parts.toArray(String[]::new));
    }

    private static String afterComma(Member member, String space) {
        return Gbnf.group(Gbnf.seq("\",\"", space, member.symbol()));
    }
}
