"""The official Python SDK (current major) as a long-lived process: one JSON request per stdin line, one JSON
answer per stdout line. Keys arrive on stdin, never on the command line. An httpx event hook counts requests.
Optional features go through the SDK's own helpers: chat.completions.stream() for streamed tool calls (its state
accumulator is the one that needs every delta's index) and chat.completions.parse() for structured outputs;
embeddings.create() with its defaults (base64, decoded by the SDK); responses.stream(text_format=...) for a streamed
Responses answer (its accumulator finds each delta's item by output_index and content_index)."""
import json
import sys
import time

import openai
from openai import OpenAI
from pydantic import BaseModel, ConfigDict


class CityFacts(BaseModel):
    """The structured output the suite asks for, as a parse() user declares it (the raw checks send the same schema)."""
    model_config = ConfigDict(extra="forbid")
    city: str
    population: int
    landmarks: list[str]


def tool_calls(message):
    return [{"id": c.id, "type": c.type, "name": c.function.name, "arguments": c.function.arguments}
            for c in (message.tool_calls or [])]


def not_ended(attempts, chunks):
    return {"attempts": attempts, "errorClass": "StreamNotEnded", "status": None,
            "message": "the stream did not end within the deadline", "chunks": chunks}


def embed(client, req, attempts):
    """embeddings.create as its users call it: no encoding_format, so the SDK asks for base64 and decodes it."""
    response = client.embeddings.create(**req["body"])
    usage = response.usage
    return {"attempts": attempts[0], "content": json.dumps([[float(v) for v in d.embedding] for d in response.data]),
            "chunks": 0, "promptTokens": usage.prompt_tokens if usage else 0}


def responses_stream(client, body, deadline, attempts):
    """responses.stream as its users call it for structured output: text_format declares the schema, the helper joins
    the events and parses the final text."""
    body.pop("text", None)
    events = 0
    with client.responses.stream(text_format=CityFacts, **body) as stream:
        for _event in stream:
            if time.monotonic() > deadline:
                return not_ended(attempts[0], events)
            events += 1
        response = stream.get_final_response()
    parsed = response.output_parsed
    usage = response.usage
    return {"attempts": attempts[0], "content": parsed.model_dump_json() if isinstance(parsed, BaseModel) else response.output_text,
            "finishReason": response.status, "chunks": events, "promptTokens": usage.input_tokens if usage else 0,
            "completionTokens": usage.output_tokens if usage else 0}


def feature(client, req, attempts):
    if req["op"] == "embed":
        return embed(client, req, attempts)
    body = dict(req["body"])
    body.pop("stream", None)
    deadline = time.monotonic() + req["deadlineMs"] / 1000
    if req["op"] == "responsesStream":
        return responses_stream(client, body, deadline, attempts)
    if req["op"] == "toolStream":
        chunks = 0
        with client.chat.completions.stream(**body) as stream:
            for event in stream:
                if time.monotonic() > deadline:
                    return not_ended(attempts[0], chunks)
                chunks += event.type == "chunk"
            completion = stream.get_final_completion()
    elif req["op"] == "structured":
        body.pop("response_format", None)
        completion = client.chat.completions.parse(response_format=CityFacts, **body)
        chunks = 0
    else:
        completion = client.chat.completions.create(**body)
        chunks = 0
    choice = completion.choices[0]
    parsed = getattr(choice.message, "parsed", None)
    content = parsed.model_dump_json() if isinstance(parsed, BaseModel) else choice.message.content
    return {"attempts": attempts[0], "content": content, "finishReason": choice.finish_reason, "chunks": chunks,
            "toolCalls": tool_calls(choice.message)}


def call(req):
    attempts = [0]

    def count(_request):
        attempts[0] += 1

    client = OpenAI(base_url=req["baseURL"], api_key=req["apiKey"], max_retries=req["maxRetries"],
                    timeout=req["deadlineMs"] / 1000, default_headers=req["headers"],
                    http_client=openai.DefaultHttpxClient(event_hooks={"request": [count]}))
    params = dict(model=req["model"], messages=[{"role": "user", "content": "Say OK."}], max_tokens=16)
    try:
        if "body" in req:
            return feature(client, req, attempts)
        if req["op"] == "stream":
            stream = client.chat.completions.create(stream=True, **params)
            deadline = time.monotonic() + req["deadlineMs"] / 1000
            content, finish, chunks = "", None, 0
            for chunk in stream:
                if time.monotonic() > deadline:  # a stream that never ends keeps yielding, so this check runs
                    stream.close()
                    return not_ended(attempts[0], chunks)
                chunks += 1
                for choice in chunk.choices:
                    content += (choice.delta.content or "") if choice.delta else ""
                    finish = choice.finish_reason or finish
            return {"attempts": attempts[0], "content": content, "finishReason": finish, "chunks": chunks}
        completion = client.chat.completions.create(**params)
        choice = completion.choices[0]
        usage = completion.usage
        return {"attempts": attempts[0], "content": choice.message.content or "", "finishReason": choice.finish_reason,
                "chunks": 0, "promptTokens": usage.prompt_tokens if usage else 0,
                "completionTokens": usage.completion_tokens if usage else 0}
    except Exception as e:  # the SDK's own error class is the point
        return {"attempts": attempts[0], "errorClass": type(e).__name__, "status": getattr(e, "status_code", None),
                "message": str(e).splitlines()[0] if str(e) else type(e).__name__,
                "errorFields": typed_fields(e, ("code", "type", "param", "body"))
                if isinstance(e, openai.APIStatusError) else None}
    finally:
        client.close()


def typed_fields(error, names):
    """The error's fields as an application's handler reads them; the first that raises is named."""
    fields, thrown = {}, None
    for name in names:
        try:
            fields[name] = getattr(error, name)
        except Exception as raised:
            fields[name] = None
            thrown = thrown or f"{name} raised {type(raised).__name__}: {raised}"
    fields["thrown"] = thrown
    return fields


print(json.dumps({"ready": True, "version": openai.__version__}), flush=True)
for line in sys.stdin:
    if line.strip():
        req = json.loads(line)
        print(json.dumps({"id": req["id"], **call(req)}, default=str), flush=True)
