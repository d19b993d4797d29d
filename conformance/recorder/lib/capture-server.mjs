// Capture server: listens on 127.0.0.1 (random port), records every request
// (method, path, query, headers, JSON body) and answers with a minimal valid
// success response for the API the path belongs to:
//   .../messages                 -> Anthropic Messages
//   .../responses                -> OpenAI Responses
//   .../chat/completions         -> OpenAI / OpenAI-compatible / OpenRouter chat completion
//   .../models/<id>:generateContent -> Gemini generateContent
// Anything else gets a 404 JSON error (and is still recorded).

import http from 'node:http';

const CREATED = 1767225600; // fixed timestamp: 2026-01-01T00:00:00Z

function anthropicMessage(model) {
  return {
    id: 'msg_capture_0001',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: 'LGTM' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 42, output_tokens: 2 },
  };
}

function openaiResponse(model) {
  return {
    id: 'resp_capture_0001',
    object: 'response',
    created_at: CREATED,
    status: 'completed',
    error: null,
    incomplete_details: null,
    model,
    output: [
      {
        type: 'message',
        id: 'msg_capture_0001',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'LGTM', annotations: [] }],
      },
    ],
    usage: {
      input_tokens: 42,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 2,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 44,
    },
  };
}

function chatCompletion(model) {
  return {
    id: 'chatcmpl-capture-0001',
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'LGTM' },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 42, completion_tokens: 2, total_tokens: 44 },
  };
}

function geminiResponse(model) {
  return {
    candidates: [
      {
        content: { role: 'model', parts: [{ text: 'LGTM' }] },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 42, candidatesTokenCount: 2, totalTokenCount: 44 },
    modelVersion: model,
    responseId: 'capture-0001',
  };
}

function bedrockConverse() {
  return {
    output: { message: { role: 'assistant', content: [{ text: 'LGTM' }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 42, outputTokens: 2, totalTokens: 44 },
    metrics: { latencyMs: 10 },
  };
}

/** Picks the fake response for a request; returns [status, bodyObject, api]. */
export function responseFor(pathname, body) {
  const model = (body && typeof body.model === 'string' && body.model) || 'unknown-model';
  if (/:generateContent$/.test(pathname)) {
    const m = /models\/([^/:]+):generateContent$/.exec(pathname);
    return [200, geminiResponse(m ? decodeURIComponent(m[1]) : model), 'gemini.generateContent'];
  }
  if (/\/converse$/.test(pathname)) return [200, bedrockConverse(), 'bedrock.converse'];
  if (/\/messages$/.test(pathname)) return [200, anthropicMessage(model), 'anthropic.messages'];
  if (/\/responses$/.test(pathname)) return [200, openaiResponse(model), 'openai.responses'];
  if (/\/chat\/completions$/.test(pathname)) return [200, chatCompletion(model), 'openai.chat.completions'];
  return [404, { error: { message: `capture server: no fake for ${pathname}`, type: 'not_found' } }, 'unknown'];
}

/**
 * Starts the server. Returns { url, port, take(), close() }.
 * take() returns the requests recorded since the previous take() and clears the list.
 */
export async function startCaptureServer() {
  let recorded = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body = null;
      let bodyParseError = null;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch (e) {
          bodyParseError = String(e.message);
        }
      }
      const u = new URL(req.url, 'http://capture.local');
      const query = {};
      for (const [k, v] of u.searchParams) query[k] = v;
      const [status, responseBody, api] = responseFor(u.pathname, body);
      recorded.push({
        method: req.method,
        path: u.pathname,
        query,
        headers: { ...req.headers },
        rawHeaders: req.rawHeaders.slice(),
        bodyRaw: raw,
        body,
        bodyParseError,
        answeredAs: api,
        answeredStatus: status,
      });
      const out = JSON.stringify(responseBody);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(out),
      });
      res.end(out);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    take() {
      const r = recorded;
      recorded = [];
      return r;
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
