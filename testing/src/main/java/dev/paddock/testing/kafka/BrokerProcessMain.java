package dev.paddock.testing.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * The main class of the broker JVM: runs {@code kafka.Kafka} and exits (gracefully, through Kafka's own shutdown
 * hook) as soon as its standard input closes, which happens when the process that started it dies, even by
 * SIGKILL. So a crashed test JVM or launcher never leaves a broker running. Needs nothing but the JDK to compile;
 * the broker jars are only on the broker JVM's class path.
 */
public final class BrokerProcessMain {

    private BrokerProcessMain() {
    }

    /** {@code args}: the path of server.properties, as for {@code kafka.Kafka}. */
    public static void main(String[] args) throws Throwable {
        Thread watchdog = new Thread(BrokerProcessMain::exitWhenParentGoes, "paddock-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGoes() {
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // nothing is ever sent; we only wait for end of stream
            }
        } catch (IOException e) {
            // a broken pipe means the same: the parent is gone
        }
        System.exit(0);
    }
}
