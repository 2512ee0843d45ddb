// The official Node SDK as a long-lived process: one JSON request per stdin line, one JSON answer per stdout line.
// Keys arrive on stdin, never on the command line. A counting fetch shows how many requests each call sent.
import OpenAI from 'openai';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';

const version = JSON.parse(readFileSync(new URL('./node_modules/openai/package.json', import.meta.url))).version;
process.stdout.write(JSON.stringify({ ready: true, version }) + '\n');

async function call(req) {
  let attempts = 0;
  const counting = (...args) => { attempts++; return fetch(...args); };
  const client = new OpenAI({
    baseURL: req.baseURL, apiKey: req.apiKey, maxRetries: req.maxRetries, timeout: req.deadlineMs,
    defaultHeaders: req.headers, fetch: counting,
  });
  const params = { model: req.model, messages: [{ role: 'user', content: 'Say OK.' }], max_tokens: 16 };
  try {
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
             message: String(e?.message ?? e).split('\n')[0] };
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const req = JSON.parse(line);
  const answer = await call(req);
  process.stdout.write(JSON.stringify({ id: req.id, ...answer }) + '\n');
}
