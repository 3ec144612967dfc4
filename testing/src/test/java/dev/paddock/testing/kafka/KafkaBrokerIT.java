package dev.paddock.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void servesRecordsOnLoopbackAndKeepsThemAcrossSigkillAndRestartOnTheSamePort() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
            produce(broker, "kept", List.of("a", "b", "c"));
            assertThat(consume(broker, "kept", 3)).containsExactly("a", "b", "c");

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            assertThat(broker.dataDir().resolve(".kafka_cleanshutdown")).doesNotExist();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), broker.port()).close())
                    .isInstanceOf(ConnectException.class);

            int port = broker.port();
            broker.restart();
            assertThat(broker.port()).isEqualTo(port);
            assertThat(consume(broker, "kept", 3)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void stopsGracefullyAndAFreshBrokerOnTheSameFolderComesBackWithItsPortAndData() throws Exception {
        int port;
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            port = broker.port();
            produce(broker, "again", List.of("x"));
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(broker.dataDir().resolve(".kafka_cleanshutdown")).as("Kafka's clean-shutdown marker").exists();
        }
        try (KafkaBroker again = KafkaBroker.start(dir)) {
            assertThat(again.port()).isEqualTo(port);
            assertThat(consume(again, "again", 1)).containsExactly("x");
        }
    }

    @Test
    void brokerExitsByItselfWhenTheProcessThatStartedItIsKilled() throws Exception {
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(),
                "--dir", dir.toString(), "--port", Integer.toString(freePort())).redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).startsWith("kafka: listening on 127.0.0.1:");
            ProcessHandle broker = launcher.toHandle().children().findFirst().orElseThrow();

            launcher.destroyForcibly();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(broker.isAlive()).isFalse());
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void failsWithTheBrokerLogWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> KafkaBroker.start(dir, taken.getLocalPort(), Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited before it was ready")
                    .hasMessageContaining("Address already in use");
        }
    }

    static void produce(KafkaBroker broker, String topic, List<String> values) throws Exception {
        Properties props = clientProperties(broker);
        props.put("acks", "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    static List<String> consume(KafkaBroker broker, String topic, int count) {
        Properties props = clientProperties(broker);
        props.put("group.id", "reader-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                assertThat(values).hasSize(count);
            });
        }
        return values;
    }

    static Properties clientProperties(KafkaBroker broker) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        return props;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
