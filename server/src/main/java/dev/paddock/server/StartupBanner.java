package dev.paddock.server;

import dev.paddock.server.models.ModelRegistry;
import dev.paddock.server.models.ServedModel;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Prints where the server listens, what it serves and a request to paste. */
@ApplicationScoped
public class StartupBanner {

    @Inject
    ModelRegistry registry;

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    void onStart(@Observes StartupEvent event) {
        String base = "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port;
        StringBuilder sb = new StringBuilder("\nPaddock is serving the OpenAI API at ").append(base).append("/v1\n");
        String chatModel = null;
        for (ServedModel m : registry.all()) {
            sb.append(String.format("  %-22s %-8s %s%n", m.spec().name, m.spec().task, m.spec().source));
            if (chatModel == null && m.spec().task.name().equals("generate")) {
                chatModel = m.spec().name;
            }
        }
        if (chatModel != null) {
            sb.append("\nTry:\n  curl ").append(base).append("/v1/chat/completions -H 'Content-Type: application/json' \\\n")
                    .append("    -d '{\"model\":\"").append(chatModel)
                    .append("\",\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}],\"max_tokens\":40}'\n");
        }
        sb.append("Metrics at ").append(base).append("/metrics, health at ").append(base).append("/health\n");
        System.out.println(sb);
    }
}
