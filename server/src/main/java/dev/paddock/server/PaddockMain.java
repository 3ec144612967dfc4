package dev.paddock.server;

import dev.paddock.server.cli.EvalCommand;
import dev.paddock.server.config.ConfigurationProblem;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;

/**
 * Entry point of {@code ./paddock serve}: runs until stopped; a configuration problem ends the process
 * with its message (file, field, what is allowed) and exit code 2 instead of a stack trace. With the
 * argument {@code eval} it is {@code ./paddock eval FILE} instead ({@link EvalCommand}).
 */
@QuarkusMain
public class PaddockMain implements QuarkusApplication {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("eval")) {
            // a client of a running server: no Quarkus application is started
            System.exit(EvalCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        Quarkus.run(PaddockMain.class, PaddockMain::exit, args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }

    private static void exit(int code, Throwable failure) {
        ConfigurationProblem problem = find(failure);
        if (problem != null) {
            System.err.println("paddock: cannot start: " + problem.getMessage());
            System.exit(2);
        }
        if (failure != null) {
            failure.printStackTrace();
        }
        System.exit(code);
    }

    private static ConfigurationProblem find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConfigurationProblem p) {
                return p;
            }
        }
        return null;
    }
}
