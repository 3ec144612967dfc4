package dev.paddock.worker.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Python's {@code str} methods, with Python's semantics, for {@link PythonMethodResolver}. */
final class PythonStrings {

    /** Returned by {@link #call} when {@code name} is not a {@code str} method handled here. */
    static final Object NOT_A_METHOD = new Object();

    private PythonStrings() {
    }

    static Object call(String s, String name, Object[] args) {
        return switch (name) {
            case "strip" -> strip(s, arg(args, 0), true, true);
            case "lstrip" -> strip(s, arg(args, 0), true, false);
            case "rstrip" -> strip(s, arg(args, 0), false, true);
            case "startswith" -> matchesAny(s, args, true);
            case "endswith" -> matchesAny(s, args, false);
            case "split" -> split(s, arg(args, 0), maxSplit(args));
            case "rsplit" -> rsplit(s, arg(args, 0), maxSplit(args));
            case "splitlines" -> List.of(s.split("\r\n|[\n\r\u000b\f\u001c\u001d\u001e\u0085\u2028\u2029]"));
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s
                : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "replace" -> replace(s, str(args, 0), str(args, 1), args.length > 2 ? toInt(args[2]) : -1);
            case "find" -> s.indexOf(str(args, 0));
            case "rfind" -> s.lastIndexOf(str(args, 0));
            case "count" -> count(s, str(args, 0));
            case "join" -> join(s, args.length > 0 ? args[0] : List.of());
            case "removeprefix" -> s.startsWith(str(args, 0)) ? s.substring(str(args, 0).length()) : s;
            case "removesuffix" -> !str(args, 0).isEmpty() && s.endsWith(str(args, 0))
                ? s.substring(0, s.length() - str(args, 0).length()) : s;
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(c -> PythonValues.isSpace((char) c));
            case "islower" -> s.chars().anyMatch(Character::isLowerCase) && s.equals(s.toLowerCase(Locale.ROOT));
            case "isupper" -> s.chars().anyMatch(Character::isUpperCase) && s.equals(s.toUpperCase(Locale.ROOT));
            default -> NOT_A_METHOD;
        };
    }

    /** Python's {@code str.strip(chars)}: whitespace when {@code chars} is None. */
    static String strip(String s, Object chars, boolean left, boolean right) {
        String set = chars == null ? null : chars.toString();
        int start = 0;
        int end = s.length();
        while (left && start < end && stripped(s.charAt(start), set)) {
            start++;
        }
        while (right && end > start && stripped(s.charAt(end - 1), set)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String set) {
        return set == null ? PythonValues.isSpace(c) : set.indexOf(c) >= 0;
    }

    /** startswith/endswith take one prefix or a tuple of them. */
    private static boolean matchesAny(String s, Object[] args, boolean start) {
        Object wanted = arg(args, 0);
        Collection<?> options = wanted instanceof Collection<?> c ? c : List.of(String.valueOf(wanted));
        for (Object option : options) {
            String text = String.valueOf(option);
            if (start ? s.startsWith(text) : s.endsWith(text)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(String s, Object sep, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            while (true) {
                while (i < s.length() && PythonValues.isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= s.length()) {
                    return parts;
                }
                int end = i;
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(strip(s.substring(i), null, false, true));
                    return parts;
                }
                while (end < s.length() && !PythonValues.isSpace(s.charAt(end))) {
                    end++;
                }
                parts.add(s.substring(i, end));
                i = end;
            }
        }
        String separator = sep.toString();
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        int from = 0;
        int at;
        while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<String> rsplit(String s, Object sep, int maxSplit) {
        if (maxSplit < 0 || sep == null) {
            return split(s, sep, maxSplit);
        }
        String separator = sep.toString();
        List<String> parts = new ArrayList<>();
        int to = s.length();
        int at;
        while (parts.size() < maxSplit && (at = s.lastIndexOf(separator, to - separator.length())) >= 0) {
            parts.addFirst(s.substring(at + separator.length(), to));
            to = at;
        }
        parts.addFirst(s.substring(0, to));
        return parts;
    }

    /** Python's {@code str.title()}: a letter after a non-letter is upper-cased, the rest lower-cased. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousIsLetter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(previousIsLetter ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousIsLetter = Character.isLetter(c);
        }
        return out.toString();
    }

    private static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        for (int n = 0; n < count && (at = s.indexOf(old, from)) >= 0; n++) {
            out.append(s, from, at).append(replacement);
            from = at + old.length();
            if (old.isEmpty()) {
                if (from < s.length()) {
                    out.append(s.charAt(from));
                }
                from++;
            }
        }
        return from <= s.length() ? out.append(s.substring(from)).toString() : out.toString();
    }

    private static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    private static String join(String separator, Object items) {
        List<String> parts = new ArrayList<>();
        if (items instanceof Iterable<?> iterable) {
            iterable.forEach(item -> parts.add(PythonValues.str(item)));
        } else if (items instanceof String text) {
            text.chars().forEach(c -> parts.add(String.valueOf((char) c)));
        }
        return String.join(separator, parts);
    }

    private static int maxSplit(Object[] args) {
        return args.length > 1 && args[1] != null ? toInt(args[1]) : -1;
    }

    private static Object arg(Object[] args, int index) {
        return index < args.length ? args[index] : null;
    }

    private static String str(Object[] args, int index) {
        return PythonValues.str(arg(args, index));
    }

    private static int toInt(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString());
    }
}
