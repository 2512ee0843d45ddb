"""The legacy Python SDK, openai 0.28, configured the way the Infron guide shows (openai.api_base, openai.api_key),
as a long-lived process: one JSON request per stdin line, one JSON answer per stdout line. 0.28 does not retry;
a requests hook counts what it sends. 0.28 has no helpers for tools or structured outputs: it passes tools,
tool_choice and response_format through as given, and its users join streamed tool calls and parse JSON themselves,
as this driver does."""
import json
import sys
import time

import openai
import requests


def tool_calls(message):
    return [{"id": c.get("id"), "type": c.get("type"), "name": c.get("function", {}).get("name"),
             "arguments": c.get("function", {}).get("arguments")} for c in (message.get("tool_calls") or [])]


def feature(req, attempts, options):
    body = {**req["body"], **options}
    if req["op"] == "embed":
        # Without numpy, 0.28's default (base64, decoded with numpy) raises before sending; its users ask for floats.
        response = openai.Embedding.create(encoding_format="float", **body)
        return {"attempts": max(attempts[0], 1), "content": json.dumps([d["embedding"] for d in response["data"]]),
                "chunks": 0, "promptTokens": (response.get("usage") or {}).get("prompt_tokens", 0)}
    if req["op"] == "toolStream":
        deadline = time.monotonic() + req["deadlineMs"] / 1000
        calls, finish, chunks = {}, None, 0
        for chunk in openai.ChatCompletion.create(**body):
            if time.monotonic() > deadline:
                return {"attempts": max(attempts[0], 1), "errorClass": "StreamNotEnded", "status": None,
                        "message": "the stream did not end within the deadline", "chunks": chunks}
            chunks += 1
            for choice in chunk["choices"]:
                for delta in choice.get("delta", {}).get("tool_calls") or []:
                    call = calls.setdefault(delta["index"], {"id": None, "type": None, "function": {"name": None, "arguments": ""}})
                    call["id"] = delta.get("id") or call["id"]
                    call["type"] = delta.get("type") or call["type"]
                    function = delta.get("function") or {}
                    call["function"]["name"] = function.get("name") or call["function"]["name"]
                    call["function"]["arguments"] += function.get("arguments") or ""
                finish = choice.get("finish_reason") or finish
        return {"attempts": max(attempts[0], 1), "finishReason": finish, "chunks": chunks,
                "toolCalls": tool_calls({"tool_calls": [calls[i] for i in sorted(calls)]})}
    completion = openai.ChatCompletion.create(**body)
    choice = completion["choices"][0]
    content = choice["message"].get("content")
    if req["op"] == "structured":
        content = json.dumps(json.loads(content))  # what a 0.28 user does with a JSON answer
    return {"attempts": max(attempts[0], 1), "content": content, "finishReason": choice.get("finish_reason"),
            "chunks": 0, "toolCalls": tool_calls(choice["message"])}


def call(req):
    attempts = [0]
    session = requests.Session()
    session.hooks["response"].append(lambda response, *args, **kwargs: attempts.__setitem__(0, attempts[0] + 1))
    openai.requestssession = session
    openai.api_base = req["baseURL"]
    openai.api_key = req["apiKey"]
    options = dict(request_timeout=req["deadlineMs"] / 1000, headers=req["headers"] or None)
    params = dict(model=req["model"], messages=[{"role": "user", "content": "Say OK."}], max_tokens=16, **options)
    try:
        if "body" in req:
            return feature(req, attempts, options)
        if req["op"] == "stream":
            deadline = time.monotonic() + req["deadlineMs"] / 1000
            content, finish, chunks = "", None, 0
            for chunk in openai.ChatCompletion.create(stream=True, **params):
                if time.monotonic() > deadline:  # a stream that never ends keeps yielding, so this check runs
                    return {"attempts": max(attempts[0], 1), "errorClass": "StreamNotEnded", "status": None,
                            "message": "the stream did not end within the deadline", "chunks": chunks}
                chunks += 1
                for choice in chunk["choices"]:
                    content += choice.get("delta", {}).get("content") or ""
                    finish = choice.get("finish_reason") or finish
            return {"attempts": max(attempts[0], 1), "content": content, "finishReason": finish, "chunks": chunks}
        completion = openai.ChatCompletion.create(**params)
        choice = completion["choices"][0]
        usage = completion.get("usage") or {}
        return {"attempts": max(attempts[0], 1), "content": choice["message"].get("content") or "",
                "finishReason": choice.get("finish_reason"), "chunks": 0,
                "promptTokens": usage.get("prompt_tokens", 0), "completionTokens": usage.get("completion_tokens", 0)}
    except Exception as e:  # the SDK's own error class is the point
        return {"attempts": max(attempts[0], 1), "errorClass": type(e).__name__, "status": getattr(e, "http_status", None),
                "message": str(e).splitlines()[0] if str(e) else type(e).__name__,
                "errorFields": typed_fields(e) if getattr(e, "http_status", None) else None}
    finally:
        session.close()


def typed_fields(error):
    """code and error (0.28's parsed error object) as an application's handler reads them; the first that raises is named."""
    fields, thrown = {}, None
    for name in ("code", "error", "json_body"):
        try:
            value = getattr(error, name)
            fields[name] = dict(value) if hasattr(value, "items") else value
        except Exception as raised:
            fields[name] = None
            thrown = thrown or f"{name} raised {type(raised).__name__}: {raised}"
    fields["thrown"] = thrown
    return fields


print(json.dumps({"ready": True, "version": openai.version.VERSION}), flush=True)
for line in sys.stdin:
    if line.strip():
        req = json.loads(line)
        print(json.dumps({"id": req["id"], **call(req)}, default=str), flush=True)
