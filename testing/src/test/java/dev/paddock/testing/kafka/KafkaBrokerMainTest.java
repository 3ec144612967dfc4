package dev.paddock.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import dev.paddock.testing.kafka.KafkaBrokerMain.Arguments;
import org.junit.jupiter.api.Test;

class KafkaBrokerMainTest {

    @Test
    void defaultsToTheHomeFolderAndPort9092() {
        Arguments arguments = Arguments.parse(new String[0]);

        assertThat(arguments.dir()).isEqualTo(Path.of(System.getProperty("user.home"), ".paddock", "kafka"));
        assertThat(arguments.port()).isEqualTo(9092);
        assertThat(arguments.properties()).isEmpty();
    }

    @Test
    void readsFolderPortAndBrokerProperties() {
        Arguments arguments = Arguments.parse(new String[] {"--dir", "/d", "--port", "19092", "--set",
            "group.share.record.lock.duration.ms=5000", "--set", "a=b=c"});

        assertThat(arguments.dir()).isEqualTo(Path.of("/d"));
        assertThat(arguments.port()).isEqualTo(19092);
        assertThat(arguments.properties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("group.share.record.lock.duration.ms", "5000", "a", "b=c"));
    }

    @Test
    void rejectsBadInputNamingTheOption() {
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--port", "http"}))
                .hasMessage("--port must be a number from 1 to 65535, not 'http'");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--port", "70000"}))
                .hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--dir"})).hasMessage("--dir needs a value");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--set", "novalue"}))
                .hasMessage("--set needs key=value, not 'novalue'");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--bogus"})).hasMessage("unknown option --bogus");
    }
}
