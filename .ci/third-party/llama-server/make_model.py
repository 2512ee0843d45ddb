"""Writes the tiny model the self-test serves with llama-server: a one-layer llama-architecture GGUF whose weights are
set by hand, so every answer can be worked out on paper. No model hub, no training.

How it answers. Attention and feed-forward weights are zero, so the last hidden state is the current token's own
embedding: the model is a bigram table. Every embedding has a one in a shared "bias" dimension; the output row of a
token in that dimension is its base preference. The tokens of one chain also own a dimension each, through which the
next token of the chain gets a bonus far above every base preference. So:
- free text after the generation prompt (which ends in a newline) is always "one two three four five." and then
  <|im_end|>, the end of the turn: 6 tokens, a natural "stop"; where a grammar forbids ending there (tool calls
  required), <tool_call> and a newline come next instead;
- text held to a grammar (tools forced, json_schema, json_object) takes, among the tokens the grammar allows, the one
  with the highest base preference: <|im_end|> when the grammar is complete, a closing quote in a string, a closing
  brace or bracket before another member, an opening brace for a value, a colon or comma before a digit, the digit
  1 for a number, and never optional whitespace. Answers come out short and valid: {"city":""}.

The vocabulary is SentencePiece-style (llama.cpp's "llama" tokenizer) with all 256 byte tokens, so any prompt
tokenizes; the chat template is Qwen2.5's (ChatML with tools in <tool_call> tags), read from llama.cpp's own tree.

Usage: make_model.py OUT.gguf TEMPLATE.jinja
"""
import sys

import numpy as np
from gguf import GGUFWriter, TokenType

CHAIN = ["one", "\u2581two", "\u2581three", "\u2581four", "\u2581five", "."]
SPECIAL = ["<unk>", "<|endoftext|>", "<|im_start|>", "<|im_end|>"]
TOOL_CALL = "<tool_call>"  # Qwen2.5's own added token: a call opens with it
BONUS, UNREACHABLE = 20000.0, -10000.0  # a chain token: UNREACHABLE + BONUS, far above any base preference
# Steps of 10: llama-server's default min_p (0.05) drops every candidate 3 logits below the best, so the best is taken.
PREFERRED = {"<|im_end|>": 100.0, '"': 90.0, "}": 80.0, "]": 70.0, "{": 60.0, "<": 40.0, ":": 30.0, ",": 20.0, "1": 10.0}
WHITESPACE = -5000.0  # optional whitespace is never taken; where a grammar requires it, it is the only choice
N_EMBD, N_HEAD, N_FF, N_CTX = 32, 4, 32, 4096
BIAS, NULL = 0, 1  # embedding dimensions shared by every token; the chain's own start at 2


def byte_token(b):
    return f"<0x{b:02X}>"


def vocabulary():
    tokens, types = [], []
    for t in SPECIAL:
        tokens.append(t)
        types.append(TokenType.UNKNOWN if t == "<unk>" else TokenType.CONTROL)
    for b in range(256):
        tokens.append(byte_token(b))
        types.append(TokenType.BYTE)
    for t in CHAIN:
        tokens.append(t)
        types.append(TokenType.NORMAL)
    tokens.append(TOOL_CALL)
    types.append(TokenType.USER_DEFINED)
    return tokens, types


def base_preference(token, kind):
    if token in PREFERRED:
        return PREFERRED[token]
    if kind == TokenType.BYTE:
        b = int(token[3:5], 16)
        char = chr(b) if b < 128 else None
        if char in PREFERRED:
            return PREFERRED[char]
        if char is not None and char.isspace():
            return WHITESPACE
        return -20.0 - 10.0 * b  # distinct, so a grammar's choice among the rest is fixed too
    return UNREACHABLE


def weights(tokens, types):
    index = {t: i for i, t in enumerate(tokens)}
    # the chain: the generation prompt's newline, then each word, then the end of the turn
    chain = [byte_token(0x0A)] + CHAIN + ["<|im_end|>"]
    own_dim = {prev: 2 + i for i, prev in enumerate(chain[:-1] + [TOOL_CALL])}
    assert 2 + len(own_dim) <= N_EMBD
    embed = np.zeros((len(tokens), N_EMBD), dtype=np.float32)
    output = np.zeros((len(tokens), N_EMBD), dtype=np.float32)
    for i, (token, kind) in enumerate(zip(tokens, types)):
        embed[i, BIAS] = 1.0
        embed[i, own_dim.get(token, NULL)] = 1.0
        output[i, BIAS] = base_preference(token, kind)
    for prev, nxt in zip(chain, chain[1:]):
        output[index[nxt], own_dim[prev]] = BONUS
    # where the grammar forbids ending after the sentence (tools required), a call opens instead
    output[index[TOOL_CALL], own_dim["."]] = BONUS - 100.0
    output[index[byte_token(0x0A)], own_dim[TOOL_CALL]] = BONUS - UNREACHABLE  # Qwen2.5 writes "<tool_call>\n{...}"
    return embed, output


def main(out, template_path):
    tokens, types = vocabulary()
    embed, output = weights(tokens, types)
    w = GGUFWriter(out, "llama")
    w.add_name("conformance-tiny-bigram")
    w.add_context_length(N_CTX)
    w.add_embedding_length(N_EMBD)
    w.add_block_count(1)
    w.add_feed_forward_length(N_FF)
    w.add_head_count(N_HEAD)
    w.add_head_count_kv(N_HEAD)
    w.add_rope_dimension_count(N_EMBD // N_HEAD)
    w.add_layer_norm_rms_eps(1e-6)
    w.add_file_type(0)  # all F32
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_scores([0.0] * len(tokens))
    w.add_token_types([int(t) for t in types])
    w.add_unk_token_id(tokens.index("<unk>"))
    w.add_bos_token_id(tokens.index("<|endoftext|>"))
    w.add_eos_token_id(tokens.index("<|im_end|>"))
    w.add_pad_token_id(tokens.index("<|endoftext|>"))
    w.add_add_bos_token(False)
    w.add_add_space_prefix(False)
    with open(template_path, encoding="utf-8") as f:
        w.add_chat_template(f.read())

    zero = lambda *shape: np.zeros(shape, dtype=np.float32)
    one = lambda n: np.ones(n, dtype=np.float32)
    w.add_tensor("token_embd.weight", embed)
    # x carries two ones, so RMS normalisation scales them by sqrt(N_EMBD / 2): undo it, and logits are the two rows' sum
    w.add_tensor("output_norm.weight", one(N_EMBD) / np.float32(np.sqrt(N_EMBD / 2)))
    w.add_tensor("output.weight", output)
    w.add_tensor("blk.0.attn_norm.weight", one(N_EMBD))
    for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
        w.add_tensor(f"blk.0.{name}.weight", zero(N_EMBD, N_EMBD))
    w.add_tensor("blk.0.ffn_norm.weight", one(N_EMBD))
    w.add_tensor("blk.0.ffn_gate.weight", zero(N_FF, N_EMBD))
    w.add_tensor("blk.0.ffn_up.weight", zero(N_FF, N_EMBD))
    w.add_tensor("blk.0.ffn_down.weight", zero(N_EMBD, N_FF))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
