package dev.paddock.server.config;

import java.util.List;

/** A configuration the server refuses to start with; the message names the file and each bad field. */
public class ConfigurationProblem extends RuntimeException {

    public ConfigurationProblem(String message) {
        super(message);
    }

    public ConfigurationProblem(String message, Throwable cause) {
        super(message, cause);
    }

    /** One problem per line under the file (or other origin) they were found in. */
    public static ConfigurationProblem of(Object file, List<String> problems) {
        return new ConfigurationProblem(file + ":\n  " + String.join("\n  ", problems));
    }
}
