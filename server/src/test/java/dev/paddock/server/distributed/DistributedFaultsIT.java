package dev.paddock.server.distributed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.wire.Topics;
import dev.paddock.server.openai.ServerProcess;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The faults the distributed topology must survive, each with real processes: a poison record, a gateway
 * killed, a worker killed under load, the broker stopped. Workers serve TinyStories with 4096 tokens of
 * context so that a generation runs long enough to be interrupted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedFaultsIT {

    private static final String MODEL = "stories260k";
    private static final String TOPIC = Topics.requests(MODEL, Priority.INTERACTIVE);
    private static final String INTERACTIVE = "class=\"interactive\"";
    private static final String BATCH = "class=\"batch\"";

    private static Topology topology;

    @BeforeAll
    static void start() throws IOException {
        topology = Topology.start(2, ServerProcess.storiesOnly(4096, 4));
        topology.startGateway();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    @Order(1)
    void poisonRecordsGoToTheDeadLetterTopicAndTheQueueKeepsFlowing() {
        int poison = 8;
        try (var producer = producer()) {
            int partitions = producer.partitionsFor(TOPIC).size();
            for (int i = 0; i < poison; i++) {
                var record = new ProducerRecord<>(TOPIC, i % partitions, (byte[]) null,
                        "not protobuf".getBytes(StandardCharsets.UTF_8));
                record.headers().add(Topics.REPLY_TO, "127.0.0.1:1".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
        }
        for (int i = 0; i < 2 * poison; i++) {
            complete(3).then().statusCode(200);
        }

        List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(poison);
        assertThat(letters).hasSize(poison).allSatisfy(r -> assertThat(
                new String(r.headers().lastHeader(Topics.DLQ_REASON).value(), StandardCharsets.UTF_8))
                .contains("does not parse"));
        assertThat(topology.workers().stream().mapToDouble(w -> metric(w, "paddock_dead_letters_total",
                INTERACTIVE)).sum()).as("each poison record rejected once, never delivered again").isEqualTo(poison);
    }

    @Test
    @Order(2)
    void killedGatewayStopsItsGenerationsOnTheWorkersWithinASecond() throws Exception {
        double cancelledBefore = sumOverWorkers("paddock_cancelled_requests_total");
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch streaming = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> SseOutcome.stream(topology.gateway().root(), longStory(3500), streaming));
        }
        assertThat(streaming.await(30, TimeUnit.SECONDS)).as("four streams started").isTrue();

        topology.gateway().kill();
        long killedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(sumOverWorkers("paddock_requests_running")).isZero());
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(sumOverWorkers("paddock_cancelled_requests_total") - cancelledBefore).isEqualTo(4);
        clients.shutdownNow();
        topology.startGateway();
    }

    @Test
    @Order(3)
    void killedWorkerNeverLeavesAClientHangingNorSendsATokenTwice() throws Exception {
        int requests = 12;
        int tokens = 300;
        ServerProcess survivor = topology.workers().get(1);
        double retriedBefore = metric(topology.gateway(), "paddock_redeliveries_total", INTERACTIVE);
        double redeliveredBefore = metric(survivor, "paddock_redelivered_records_total", INTERACTIVE);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch streaming = new CountDownLatch(6);
        List<CompletableFuture<SseOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            outcomes.add(CompletableFuture.supplyAsync(() -> SseOutcome.stream(topology.gateway().root(),
                    longStory(tokens), streaming), clients));
        }
        assertThat(streaming.await(30, TimeUnit.SECONDS)).as("streams started on both workers").isTrue();

        topology.workers().getFirst().kill();

        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        List<SseOutcome> ended = outcomes.stream().map(CompletableFuture::join).toList();
        assertThat(ended).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.done() || o.error()).as("ended with [DONE] or an error event").isTrue();
            assertThat(o.textEvents()).as("no token twice").isLessThanOrEqualTo(tokens);
        });
        assertThat(ended).filteredOn(SseOutcome::error).as("streams cut mid-way by the kill").isNotEmpty();
        assertThat(ended).filteredOn(SseOutcome::done).as("the others were served by the surviving worker")
                .isNotEmpty();
        assertRetriesCounted(ended, survivor, retriedBefore, redeliveredBefore);
        complete(3).then().statusCode(200);
        clients.shutdownNow();
    }

    /**
     * Every request the killed worker had started was either cut mid-stream (an error event) or, having sent no
     * token yet, published again by the gateway ({@code paddock_redeliveries_total}); and the broker delivered
     * each of their records again, to the survivor ({@code paddock_redelivered_records_total}, which the
     * gateway then refuses as a duplicate of an attempt it gave up). The broker also redelivers records the
     * killed worker had fetched but not started, which the gateway never knew were taken: so the broker's count
     * is at least the cut streams plus the gateway's retries, not always equal to it.
     */
    private static void assertRetriesCounted(List<SseOutcome> ended, ServerProcess survivor, double retriedBefore,
            double redeliveredBefore) {
        long cut = ended.stream().filter(SseOutcome::error).count();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double retried = metric(topology.gateway(), "paddock_redeliveries_total", INTERACTIVE) - retriedBefore;
            double redelivered = metric(survivor, "paddock_redelivered_records_total", INTERACTIVE)
                    - redeliveredBefore;
            assertThat(retried).as("requests retried by the gateway <= the killed worker's records delivered "
                    + "again by the broker (%s) - the streams it cut (%s, at least one)", redelivered, cut)
                    .isLessThanOrEqualTo(redelivered - cut);
        });
        assertThat(metric(topology.gateway(), "paddock_redeliveries_total", BATCH)).as("no batch request ran")
                .isZero();
    }

    @Test
    @Order(4)
    void stoppedBrokerAnswers503WithinASecondAndServesAgainWhenItIsBack() {
        topology.broker().stop();
        try {
            long start = System.nanoTime();
            Response refused = complete(3);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.jsonPath().getString("error.type")).isEqualTo("server_error");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        } finally {
            // back even when an assertion fails, so the tests after this one run against a broker
            topology.broker().restart();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> complete(3).statusCode() == 200);
    }

    @Test
    @Order(5)
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        topology.gateway().close();
        topology.startGateway("paddock.routing.max-queued=2");
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < 4; i++) {
            CountDownLatch streaming = new CountDownLatch(1);
            clients.submit(() -> SseOutcome.stream(topology.gateway().root(), longStory(3000), streaming));
            assertThat(streaming.await(30, TimeUnit.SECONDS)).as("stream %d holds a slot of the worker", i).isTrue();
        }
        for (int i = 0; i < 2; i++) {
            clients.submit(() -> SseOutcome.stream(topology.gateway().root(), longStory(3), new CountDownLatch(1)));
        }
        // both are published and waiting before the probe: a probe sent first would itself wait for a slot (and get
        // 200 once the long streams end), not be refused
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                metric(topology.gateway(), "paddock_queue_depth", "class=\"interactive\"")).isEqualTo(2.0));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response refused = complete(3);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.jsonPath().getString("error.code")).isEqualTo("rate_limit_exceeded");
        });
        clients.shutdownNow();
    }

    private static Response complete(int tokens) {
        return given().baseUri(topology.gateway().root().toString()).contentType("application/json")
                .body("{\"model\":\"" + MODEL + "\",\"prompt\":\"Once\",\"max_tokens\":" + tokens + "}")
                .post("/v1/completions");
    }

    private static String longStory(int tokens) {
        return "{\"model\":\"" + MODEL + "\",\"prompt\":\"Once upon a time\",\"max_tokens\":" + tokens
                + ",\"ignore_eos\":true,\"stream\":true}";
    }

    private static double sumOverWorkers(String metric) {
        return topology.workers().stream().filter(ServerProcess::isAlive).mapToDouble(w -> metric(w, metric)).sum();
    }

    private static double metric(ServerProcess process, String name) {
        return metric(process, name, "");
    }

    /** The sum of a metric's series of the model whose labels also contain {@code label} (or any). */
    private static double metric(ServerProcess process, String name, String label) {
        String text = given().baseUri(process.root().toString()).accept("text/plain").get("/metrics").asString();
        return text.lines().filter(l -> l.startsWith(name + "{") && l.contains("model=\"" + MODEL + "\"")
                && l.contains(label)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                topology.broker().bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                topology.broker().bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "dlq-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetters(TOPIC)));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                return letters.size() >= expected;
            });
        }
        return letters;
    }
}
