package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.inference.v1.SamplingParams;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Finds a served model by name or alias, to answer with its own name and read what it can do. */
@ApplicationScoped
public class ModelNames {

    private final InferenceService inference;

    ModelNames(InferenceService inference) {
        this.inference = inference;
    }

    /** The model a name or alias refers to. */
    public Optional<ModelInfo> find(String name) {
        return inference.models().stream()
                .filter(m -> m.name().equals(name) || (m.aliases() != null && m.aliases().contains(name)))
                .findFirst();
    }

    /** The sampling a request for this model gets for the parameters it leaves out. */
    public SamplingParams sampling(String name) {
        return find(name).map(ModelInfo::sampling).orElse(SamplingParams.OPENAI);
    }

    /** The model's own name for a name or alias; the name itself when unknown. */
    public String canonical(String name) {
        return find(name).map(ModelInfo::name).orElse(name);
    }
}
