package dev.paddock.worker.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PythonJson} and {@link PythonValues#floatRepr} against outputs of Python 3.11's json and repr. */
class PythonJsonTest {

    /** {"s": ..., "i": 42, ...} as in the Python session that produced the expected strings. */
    private static Map<String, Object> sample() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "a\"b\\c\n\r\t\b\f\u0001\u001f\u007f \u00e9 \u2713 \ud83d\ude0a \u2028");
        value.put("i", 42);
        value.put("neg", -7L);
        value.put("f", 1.0);
        value.put("g", 1e-7);
        value.put("h", 1e16);
        value.put("k", 123456.789);
        value.put("t", true);
        value.put("n", null);
        value.put("e", new ArrayList<>());
        value.put("o", new LinkedHashMap<>());
        value.put("l", List.of(1, Arrays.asList(2, Map.of("x", List.of()))));
        return value;
    }

    @Test
    void dumpsLikeJsonDumpsWithEnsureAsciiFalse() {
        assertThat(PythonJson.dumps(sample(), PythonJson.Options.DEFAULT)).isEqualTo(
            "{\"s\": \"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u007f \u00e9 \u2713 \ud83d\ude0a \u2028\", \""
            + "i\": 42, \"neg\": -7, \"f\": 1.0, \"g\": 1e-07, \"h\": 1e+16, \"k\": 123456.789, \"t\": true, \""
            + "n\": null, \"e\": [], \"o\": {}, \"l\": [1, [2, {\"x\": []}]]}");
    }

    @Test
    void indents() {
        assertThat(PythonJson.dumps(sample(), PythonJson.Options.of(2, null, false, false))).isEqualTo(
            "{\n  \"s\": \"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u007f \u00e9 \u2713 \ud83d\ude0a \u2028\""
            + ",\n  \"i\": 42,\n  \"neg\": -7,\n  \"f\": 1.0,\n  \"g\": 1e-07,\n  \"h\": 1e+16,\n  \"k\": 12345"
            + "6.789,\n  \"t\": true,\n  \"n\": null,\n  \"e\": [],\n  \"o\": {},\n  \"l\": [\n    1,\n    [\n "
            + "     2,\n      {\n        \"x\": []\n      }\n    ]\n  ]\n}");
    }

    @Test
    void escapesNonAsciiWhenAsked() {
        assertThat(PythonJson.dumps(sample(), PythonJson.Options.of(null, null, false, true))).isEqualTo(
            "{\"s\": \"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f \\u00e9 \\u2713 \\ud83d\\ude0a \\u2028"
            + "\", \"i\": 42, \"neg\": -7, \"f\": 1.0, \"g\": 1e-07, \"h\": 1e+16, \"k\": 123456.789, \"t\": tr"
            + "ue, \"n\": null, \"e\": [], \"o\": {}, \"l\": [1, [2, {\"x\": []}]]}");
    }

    @Test
    void takesSeparatorsSortedKeysAndAStringIndent() {
        assertThat(PythonJson.dumps(sample(), PythonJson.Options.of("\t", List.of(",", ":"), true, false))).isEqualTo(
            "{\n\t\"e\":[],\n\t\"f\":1.0,\n\t\"g\":1e-07,\n\t\"h\":1e+16,\n\t\"i\":42,\n\t\"k\":123456.789,\n"
            + "\t\"l\":[\n\t\t1,\n\t\t[\n\t\t\t2,\n\t\t\t{\n\t\t\t\t\"x\":[]\n\t\t\t}\n\t\t]\n\t],\n\t\"n\":nul"
            + "l,\n\t\"neg\":-7,\n\t\"o\":{},\n\t\"s\":\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u007f \u00e9 "
            + "\u2713 \ud83d\ude0a \u2028\",\n\t\"t\":true\n}");
    }

    @Test
    void printsFloatsLikePythonRepr() {
        double[] values = { 0.1, 1.5, 100.0, 1e15, 1e16, 1.5e16, 0.0001, 0.00001, -2.5e-7, 123456789.123, 5e-324,
            1.7976931348623157e308, -0.0 };
        String[] python = { "0.1", "1.5", "100.0", "1000000000000000.0", "1e+16", "1.5e+16", "0.0001", "1e-05",
            "-2.5e-07", "123456789.123", "5e-324", "1.7976931348623157e+308", "-0.0" };
        for (int i = 0; i < values.length; i++) {
            assertThat(PythonValues.floatRepr(values[i])).as("repr(%s)", python[i]).isEqualTo(python[i]);
        }
    }
}
