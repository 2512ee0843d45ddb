"""The legacy Python SDK, openai 0.28, configured the way the Infron guide shows (openai.api_base, openai.api_key),
as a long-lived process: one JSON request per stdin line, one JSON answer per stdout line. 0.28 does not retry;
a requests hook counts what it sends."""
import json
import sys
import time

import openai
import requests


def call(req):
    attempts = [0]
    session = requests.Session()
    session.hooks["response"].append(lambda response, *args, **kwargs: attempts.__setitem__(0, attempts[0] + 1))
    openai.requestssession = session
    openai.api_base = req["baseURL"]
    openai.api_key = req["apiKey"]
    params = dict(model=req["model"], messages=[{"role": "user", "content": "Say OK."}], max_tokens=16,
                  request_timeout=req["deadlineMs"] / 1000, headers=req["headers"] or None)
    try:
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
                "message": str(e).splitlines()[0] if str(e) else type(e).__name__}
    finally:
        session.close()


print(json.dumps({"ready": True, "version": openai.version.VERSION}), flush=True)
for line in sys.stdin:
    if line.strip():
        req = json.loads(line)
        print(json.dumps({"id": req["id"], **call(req)}), flush=True)
