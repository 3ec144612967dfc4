package dev.paddock.testing.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A worker stand-in for {@link RedeliveryIT}, run as its own process so it can be SIGKILLed: takes {@code count}
 * records, prints {@code took VALUE} for each, and then holds them forever (never commits or acknowledges),
 * staying a live group member the way a worker with every slot busy does.
 *
 * <p>Arguments: {@code classic|share bootstrap topic group count}.
 */
public final class HoldingConsumerMain {

    private HoldingConsumerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[1]);
        props.put("group.id", args[3]);
        props.put("max.poll.records", "1");
        int count = Integer.parseInt(args[4]);
        if (args[0].equals("classic")) {
            holdClassic(props, args[2], count);
        } else {
            holdShare(props, args[2], count);
        }
    }

    private static void holdClassic(Properties props, String topic, int count) {
        RedeliveryIT.classicSettings(props);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int taken = 0;
            while (true) {
                if (taken >= count) {
                    consumer.pause(consumer.assignment()); // all slots busy: keep polling, take nothing
                }
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    System.out.println("took " + record.value());
                    taken++;
                }
            }
        }
    }

    /** One share consumer per record, as one per slot: in explicit mode a consumer holds one poll's records. */
    private static void holdShare(Properties props, String topic, int count) throws InterruptedException {
        props.put("share.acknowledgement.mode", "explicit");
        for (int i = 0; i < count; i++) {
            var consumer = new KafkaShareConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(topic));
            boolean holding = false;
            while (!holding) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    System.out.println("took " + record.value());
                    holding = true;
                }
            }
        }
        Thread.currentThread().join(); // hold the records (unacknowledged) until killed
    }
}
