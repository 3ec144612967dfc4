// Prints the size of each llama.h struct Paddock binds and the offset of each field it uses,
// as "name=value" lines. LlamaLayoutTest compiles this against the vendored header of the exact
// llama.cpp release that ships in the npm package and compares with the Java MemoryLayouts.
#include <stddef.h>
#include <stdio.h>
#include "llama.h"

#define SIZE(T) printf(#T "=%zu\n", sizeof(struct T))
#define OFF(T, F) printf(#T "." #F "=%zu\n", offsetof(struct T, F))

int main(void) {
    SIZE(llama_model_params);
    OFF(llama_model_params, devices);
    OFF(llama_model_params, n_gpu_layers);
    OFF(llama_model_params, split_mode);
    OFF(llama_model_params, load_mode);
    OFF(llama_model_params, main_gpu);
    OFF(llama_model_params, progress_callback);
    OFF(llama_model_params, kv_overrides);
    OFF(llama_model_params, vocab_only);
    OFF(llama_model_params, check_tensors);
    OFF(llama_model_params, use_extra_bufts);
    OFF(llama_model_params, load_mtp);

    SIZE(llama_context_params);
    OFF(llama_context_params, n_ctx);
    OFF(llama_context_params, n_batch);
    OFF(llama_context_params, n_ubatch);
    OFF(llama_context_params, n_seq_max);
    OFF(llama_context_params, n_threads);
    OFF(llama_context_params, n_threads_batch);
    OFF(llama_context_params, pooling_type);
    OFF(llama_context_params, attention_type);
    OFF(llama_context_params, flash_attn_type);
    OFF(llama_context_params, cb_eval);
    OFF(llama_context_params, type_k);
    OFF(llama_context_params, abort_callback);
    OFF(llama_context_params, abort_callback_data);
    OFF(llama_context_params, embeddings);
    OFF(llama_context_params, offload_kqv);
    OFF(llama_context_params, no_perf);
    OFF(llama_context_params, op_offload);
    OFF(llama_context_params, swa_full);
    OFF(llama_context_params, kv_unified);
    OFF(llama_context_params, samplers);
    OFF(llama_context_params, n_samplers);
    OFF(llama_context_params, ctx_other);

    SIZE(llama_batch);
    OFF(llama_batch, n_tokens);
    OFF(llama_batch, token);
    OFF(llama_batch, embd);
    OFF(llama_batch, pos);
    OFF(llama_batch, n_seq_id);
    OFF(llama_batch, seq_id);
    OFF(llama_batch, logits);

    SIZE(llama_token_data);
    OFF(llama_token_data, id);
    OFF(llama_token_data, logit);
    OFF(llama_token_data, p);

    SIZE(llama_token_data_array);
    OFF(llama_token_data_array, data);
    OFF(llama_token_data_array, size);
    OFF(llama_token_data_array, selected);
    OFF(llama_token_data_array, sorted);

    SIZE(llama_logit_bias);
    OFF(llama_logit_bias, token);
    OFF(llama_logit_bias, bias);

    SIZE(llama_sampler_chain_params);
    SIZE(llama_chat_message);
    OFF(llama_chat_message, role);
    OFF(llama_chat_message, content);
    return 0;
}
