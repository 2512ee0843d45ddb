"""Writes the recordings made for issue-24's tests, each in the shape a real library writes (vcrpy, Ruby's VCR, a
browser's HAR export). Run from this folder: python3 make.py. The outputs are committed; this documents how."""
import base64
import gzip
import json
from pathlib import Path

HERE = Path(__file__).parent
CHAT = "https://api.example.com/v1/chat/completions"


def completion(finish="stop", content="Hello there.", completion_tokens=3, model="example-model-1"):
    return {"id": "chatcmpl-made-1", "object": "chat.completion", "created": 1741082400, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
            "usage": {"prompt_tokens": 9, "completion_tokens": completion_tokens, "total_tokens": 9 + completion_tokens}}


def stream(with_ids=True, model="example-model-1"):
    chunks = []
    for i, (delta, finish) in enumerate([({"role": "assistant", "content": ""}, None), ({"content": "Hi"}, None), ({}, "stop")]):
        chunk = {"object": "chat.completion.chunk", "created": 1741082400, "model": model,
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        if with_ids:
            chunk = {"id": "chatcmpl-made-stream", **chunk}
        chunks.append("data: " + json.dumps(chunk, separators=(",", ":")) + "\n\n")
    return "".join(chunks) + "data: [DONE]\n\n"


def request(stream_=False, max_tokens=None, **extra):
    body = {"model": "example-model-1", "messages": [{"role": "user", "content": "Say hello"}], **extra}
    if stream_:
        body["stream"] = True
    if max_tokens is not None:
        body["max_tokens"] = max_tokens
    return json.dumps(body, separators=(",", ":"))


def vcrpy_interaction(request_body, status, content_type, response_body, gzip_body=False, uri=CHAT):
    headers = {"Content-Type": [content_type]}
    if gzip_body:
        headers["Content-Encoding"] = ["gzip"]
    return {"request": {"body": request_body, "headers": {"Authorization": ["Bearer sk-made-recording-0123456789abcdef"],
                                                           "Content-Type": ["application/json"], "Accept-Encoding": ["gzip, deflate"]},
                        "method": "POST", "uri": uri},
            "response": {"body": {"string": gzip.compress(response_body.encode(), mtime=0) if gzip_body else response_body},
                         "headers": headers, "status": {"code": status, "message": "OK" if status == 200 else "Error"}}}


def write_vcrpy(path, interactions):
    """vcrpy's YAML: compressed bodies as !!binary, as its default serializer leaves them."""
    lines = ["interactions:"]
    for it in interactions:
        req, res = it["request"], it["response"]
        lines += ["- request:", "    body: " + json.dumps(req["body"]), "    headers:"]
        for name, values in req["headers"].items():
            lines += [f"      {name}:"] + [f"      - {json.dumps(v)}" for v in values]
        lines += [f"    method: {req['method']}", f"    uri: {req['uri']}", "  response:", "    body:"]
        body = res["body"]["string"]
        if isinstance(body, bytes):
            lines += ["      string: !!binary |"] + ["        " + base64.b64encode(body).decode()]
        else:
            lines += ["      string: " + json.dumps(body)]
        lines += ["    headers:"]
        for name, values in res["headers"].items():
            lines += [f"      {name}:"] + [f"      - {json.dumps(v)}" for v in values]
        lines += ["    status:", f"      code: {res['status']['code']}", f"      message: {res['status']['message']}"]
    lines.append("version: 1")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines) + "\n")


# 1 + 3: two cassettes, each with a stream; the second's chunks carry no id. Only judging every exchange finds it.
write_vcrpy(HERE / "every-exchange/a_first_model.yaml", [vcrpy_interaction(request(True), 200, "text/event-stream", stream())])
write_vcrpy(HERE / "every-exchange/b_second_model.yaml", [vcrpy_interaction(request(True), 200, "text/event-stream", stream(False))])

# 2: a recorded request with max_tokens 20 whose answer stopped at exactly 20 tokens (legal); one sent no max_tokens.
write_vcrpy(HERE / "own-limit/cut_at_its_own_limit.yaml", [vcrpy_interaction(request(max_tokens=20), 200, "application/json",
                                                                            json.dumps(completion("length", "One two", 20)))])
write_vcrpy(HERE / "no-limit/cut_by_the_server_default.yaml", [vcrpy_interaction(request(), 200, "application/json",
                                                                                json.dumps(completion("length", "One two", 4096)))])

# 4: a completion ending with a finish reason no client knows, asked with "stop": null (as SDKs send every parameter).
write_vcrpy(HERE / "unknown-finish/eos.yaml", [vcrpy_interaction(request(stop=None), 200, "application/json",
                                                                 json.dumps(completion("eos")))])

# 5: vcrpy's default: gzip bodies kept as bytes beside Content-Encoding: gzip, a completion and a stream.
write_vcrpy(HERE / "gzip/compressed.yaml", [
    vcrpy_interaction(request(), 200, "application/json", json.dumps(completion()), gzip_body=True),
    vcrpy_interaction(request(True), 200, "text/event-stream", stream(), gzip_body=True)])

# 6: Ruby's VCR beside vcrpy, a .httprr file and a YAML file that is no cassette: the folder is read, the rest named.
ruby = """---
http_interactions:
- request:
    method: post
    uri: https://api.example.com/v1/chat/completions
    body:
      encoding: UTF-8
      string: '{"model":"example-model-1","messages":[{"role":"user","content":"Say hello"}]}'
    headers:
      Authorization:
      - Bearer <OPENAI_API_KEY>
      Content-Type:
      - application/json
  response:
    status:
      code: 200
      message: OK
    headers:
      Content-Type:
      - application/json
    body:
      encoding: ASCII-8BIT
      base64_string: |
        %s
  recorded_at: Tue, 04 Mar 2025 10:00:00 GMT
recorded_with: VCR 6.3.1
""" % base64.b64encode(json.dumps(completion()).encode()).decode()
(HERE / "mixed-folder").mkdir(parents=True, exist_ok=True)
(HERE / "mixed-folder/ruby_vcr_completion.yml").write_text(ruby)
write_vcrpy(HERE / "mixed-folder/vcrpy_stream.yaml", [vcrpy_interaction(request(True), 200, "text/event-stream", stream())])
(HERE / "mixed-folder/go_client.httprr").write_text("httprr trace v1\n0 0\n")
(HERE / "mixed-folder/settings.yaml").write_text("retries: 3\ntimeout: 30\n")

# 7: a refusal with a numeric error.code (ERR-003), and a bad key answered 400 (set aside, said so), in a browser HAR.
def har_entry(status, body):
    return {"request": {"method": "POST", "url": CHAT, "headers": [{"name": "Authorization", "value": "Bearer sk-wrong-key-0123456789"}],
                        "postData": {"mimeType": "application/json", "text": request()}},
            "response": {"status": status, "headers": [{"name": "Content-Type", "value": "application/json"}],
                         "content": {"mimeType": "application/json", "text": json.dumps(body)}}}


(HERE / "refusals").mkdir(parents=True, exist_ok=True)
(HERE / "refusals/browser.har").write_text(json.dumps({"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "136.0"},
    "entries": [har_entry(401, {"error": {"message": "Invalid API key", "type": "invalid_request_error", "code": 401}}),
                har_entry(400, {"error": {"message": "API key not valid. Please pass a valid API key.", "code": 400}})]}}, indent=1))


# 8: Responses API exchanges, as openai-python's responses.create and responses.stream send them: a string input, message
# items, a cut at the request's own max_output_tokens, and two streams - the second numbered by nothing (llama-server's
# shape), which only RESP-004 must fail, naming its file.
RESPONSES = "https://api.example.com/v1/responses"


def response_object(text="Hello there.", status="completed", output_tokens=3):
    return {"id": "resp_made_1", "object": "response", "created_at": 1741082400, "status": status, "model": "example-model-1",
            "incomplete_details": {"reason": "max_output_tokens"} if status == "incomplete" else None, "error": None,
            "output": [{"type": "message", "id": "msg_made_1", "status": status, "role": "assistant",
                        "content": [{"type": "output_text", "text": text, "annotations": []}]}],
            "usage": {"input_tokens": 9, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": output_tokens,
                      "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 9 + output_tokens}}


def response_stream(numbered=True):
    done = response_object()
    started = {**done, "status": "in_progress", "output": [], "usage": None}
    message = {"type": "message", "id": "msg_made_1", "status": "in_progress", "role": "assistant", "content": []}
    where = {"item_id": "msg_made_1", "output_index": 0, "content_index": 0}
    events = [{"type": "response.created", "response": started}, {"type": "response.in_progress", "response": started},
              {"type": "response.output_item.added", "output_index": 0, "item": message},
              {"type": "response.content_part.added", **where, "part": {"type": "output_text", "text": "", "annotations": []}},
              {"type": "response.output_text.delta", **where, "delta": "Hello", "logprobs": []},
              {"type": "response.output_text.delta", **where, "delta": " there.", "logprobs": []},
              {"type": "response.output_text.done", **where, "text": "Hello there.", "logprobs": []},
              {"type": "response.content_part.done", **where, "part": done["output"][0]["content"][0]},
              {"type": "response.output_item.done", "output_index": 0, "item": done["output"][0]},
              {"type": "response.completed", "response": done}]
    text = ""
    for number, event in enumerate(events):
        if numbered:
            event = {**event, "sequence_number": number}
        text += "event: " + event["type"] + "\ndata: " + json.dumps(event, separators=(",", ":")) + "\n\n"
    return text


def responses_request(input_, stream_=False, **extra):
    body = {"model": "example-model-1", "input": input_, **extra}
    if stream_:
        body["stream"] = True
    return json.dumps(body, separators=(",", ":"))


ITEMS = [{"role": "developer", "content": [{"type": "input_text", "text": "Answer briefly."}]},
         {"role": "user", "content": [{"type": "input_text", "text": "Say hello"}]}]
write_vcrpy(HERE / "responses/a_openai_python.yaml", [
    vcrpy_interaction(responses_request("Say hello", max_output_tokens=64), 200, "application/json", json.dumps(response_object()), uri=RESPONSES),
    vcrpy_interaction(responses_request(ITEMS, max_output_tokens=64), 200, "application/json", json.dumps(response_object()), uri=RESPONSES),
    vcrpy_interaction(responses_request("Count to 50", max_output_tokens=20), 200, "application/json",
                      json.dumps(response_object("1 2 3 4 5 6 7 8 9 10", "incomplete", 20)), uri=RESPONSES),
    vcrpy_interaction(responses_request("Say hello", True), 200, "text/event-stream", response_stream(), uri=RESPONSES)])
write_vcrpy(HERE / "responses/b_unnumbered_stream.yaml", [
    vcrpy_interaction(responses_request("Say hello", True), 200, "text/event-stream", response_stream(False), uri=RESPONSES)])
