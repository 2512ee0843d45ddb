// The official Node SDK as a long-lived process: one JSON request per stdin line, one JSON answer per stdout line.
// Keys arrive on stdin, never on the command line. A counting fetch shows how many requests each call sent.
// Optional features go through the SDK's own helpers: chat.completions.stream() joins streamed tool calls,
// chat.completions.parse() parses a json_schema answer; embeddings.create() asks for base64 and decodes it;
// responses.stream() joins a streamed Responses answer (by output_index and content_index) and parses its json_schema text.
import OpenAI from 'openai';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { makeParseableTextFormat } from 'openai/lib/parser';

const version = JSON.parse(readFileSync(new URL('./node_modules/openai/package.json', import.meta.url))).version;
process.stdout.write(JSON.stringify({ ready: true, version }) + '\n');

const toolCalls = (message) => (message?.tool_calls ?? []).map((c) => (
  { id: c.id, type: c.type, name: c.function?.name, arguments: c.function?.arguments }));

async function feature(client, req) {
  const { stream: _streamed, ...body } = req.body;
  const signal = AbortSignal.timeout(req.deadlineMs);
  if (req.op === 'embed') { // no encoding_format: the SDK asks for base64 and decodes it
    const response = await client.embeddings.create(body, { signal });
    return { content: JSON.stringify(response.data.map((d) => Array.from(d.embedding))), finishReason: null, chunks: 0,
             promptTokens: response.usage?.prompt_tokens ?? 0 };
  }
  if (req.op === 'responsesStream') {
    // The parseable format zodTextFormat() builds, with JSON.parse for zod (which this driver does not install): the
    // SDK parses the final text exactly as it does for zod users; the suite validates it against the schema itself.
    const format = makeParseableTextFormat(body.text.format, (content) => JSON.parse(content));
    const stream = client.responses.stream({ ...body, text: { ...body.text, format } }, { signal });
    let events = 0;
    for await (const _event of stream) events++;
    const response = await stream.finalResponse();
    return { content: response.output_parsed != null ? JSON.stringify(response.output_parsed) : response.output_text,
             finishReason: response.status, chunks: events, promptTokens: response.usage?.input_tokens ?? 0,
             completionTokens: response.usage?.output_tokens ?? 0 };
  }
  let completion, chunks = 0;
  if (req.op === 'toolStream') {
    const stream = client.chat.completions.stream(body, { signal });
    for await (const _chunk of stream) chunks++;
    completion = await stream.finalChatCompletion();
  } else if (req.op === 'structured') {
    completion = await client.chat.completions.parse(body, { signal });
  } else {
    completion = await client.chat.completions.create(body, { signal });
  }
  const choice = completion.choices[0];
  const parsed = choice.message.parsed;
  return { content: parsed != null ? JSON.stringify(parsed) : choice.message.content, finishReason: choice.finish_reason,
           chunks, toolCalls: toolCalls(choice.message) };
}

async function call(req) {
  let attempts = 0;
  const counting = (...args) => { attempts++; return fetch(...args); };
  const client = new OpenAI({
    baseURL: req.baseURL, apiKey: req.apiKey, maxRetries: req.maxRetries, timeout: req.deadlineMs,
    defaultHeaders: req.headers, fetch: counting,
  });
  const params = { model: req.model, messages: [{ role: 'user', content: 'Say OK.' }], max_tokens: 16 };
  try {
    if (req.body) {
      const answer = await feature(client, req);
      return { attempts, ...answer };
    }
    if (req.op === 'stream') {
      const abort = AbortSignal.timeout(req.deadlineMs);
      const stream = await client.chat.completions.create({ ...params, stream: true }, { signal: abort });
      let content = '', finish = null, chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        for (const choice of chunk.choices ?? []) {
          content += choice.delta?.content ?? '';
          if (choice.finish_reason) finish = choice.finish_reason;
        }
      }
      return { attempts, content, finishReason: finish, chunks };
    }
    const completion = await client.chat.completions.create(params);
    const choice = completion.choices[0];
    return { attempts, content: choice.message.content ?? '', finishReason: choice.finish_reason, chunks: 0,
             promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 };
  } catch (e) {
    return { attempts, errorClass: e?.constructor?.name ?? 'Error', status: e?.status ?? null,
             message: String(e?.message ?? e).split('\n')[0],
             errorFields: e instanceof OpenAI.APIError && e.status ? typedFields(e) : null };
  }
}

/** The error's fields as an application's handler reads them; the first that throws is named. */
function typedFields(error) {
  const fields = {};
  let thrown = null;
  for (const name of ['code', 'type', 'param']) {
    try {
      fields[name] = error[name] ?? null;
    } catch (raised) {
      fields[name] = null;
      thrown ??= `${name} threw ${raised?.constructor?.name}: ${raised?.message}`;
    }
  }
  return { ...fields, thrown };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const req = JSON.parse(line);
  const answer = await call(req);
  process.stdout.write(JSON.stringify({ id: req.id, ...answer }) + '\n');
}
