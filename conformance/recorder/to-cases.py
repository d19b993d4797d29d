#!/usr/bin/env python3
"""Turns requests recorded by record.mjs (golden/<id>.json) into conformance cases in the format of
../cases (CONTRACTS-shaped slot, messages, expected request), applying the documented deviations of
../README.md. Extend DEFAULT_BASE, KEEP_HEADERS, NAMESPACES and OWN_NS when you add a provider.

  to-cases.py GOLDEN_DIR OUT_DIR
"""
import json, glob, os, copy, sys


SDK_VARIANT_MARKERS = ('--orsdk', '--name-', '--chat')
DEFAULT_BASE = {
    'openai': 'https://api.openai.com/v1', 'anthropic': 'https://api.anthropic.com/v1',
    'google_gemini': 'https://generativelanguage.googleapis.com/v1beta',
    'open_router': 'https://openrouter.ai/api/v1', 'novita': 'https://api.novita.ai/v3/openai',
}
KEEP_HEADERS = {'x-api-key', 'anthropic-version', 'authorization', 'x-goog-api-key', 'content-type', 'api-key'}
# The recorder stands in for google-auth-library with this token; the product sends the token the
# service-account key was exchanged for, written <ACCESS_TOKEN> in cases.
RECORDED_ACCESS_TOKEN = 'ya29.recorded-access-token'


def cloud_base(c):
    cloud = c.get('cloud') or {}
    if c['provider'] == 'azure_openai':
        return 'https://%s.openai.azure.com/openai' % cloud['resourceName']
    if c['provider'] == 'google_vertex':
        if cloud.get('auth') == 'api-key':
            return 'https://aiplatform.googleapis.com/v1/publishers/google'
        host = 'aiplatform.googleapis.com' if cloud['location'] == 'global' else '%s-aiplatform.googleapis.com' % cloud['location']
        return 'https://%s/v1beta1/projects/%s/locations/%s/publishers/google' % (host, cloud['project'], cloud['location'])
    if c['provider'] == 'amazon_bedrock':
        return 'https://bedrock-runtime.%s.amazonaws.com' % cloud['region']
    return None
OPENROUTER_ROUTING = {'order', 'allow_fallbacks', 'ignore', 'only', 'data_collection',
                      'require_parameters', 'sort', 'quantizations', 'max_price', 'zdr'}
NAMESPACES = {'anthropic', 'google', 'openai', 'openrouter', 'openaiCompatible', 'azure', 'bedrock'}
OWN_NS = {'anthropic': 'anthropic', 'google_gemini': 'google', 'openai': 'openai',
          'open_router': 'openrouter', 'novita': 'openaiCompatible', 'openai_compatible': 'openaiCompatible',
          'azure_openai': 'azure', 'google_vertex': 'google', 'amazon_bedrock': 'bedrock'}

CLOUD = {'azure_openai', 'google_vertex', 'amazon_bedrock'}

def slot_config(c):
    custom = json.loads(c['customJson']) if c.get('customJson') else None
    s = {'provider': c['provider'], 'model': c['model'], 'baseUrl': c.get('baseURL'),
         'apiKey': c['apiKey'], 'temperature': c.get('temperature'), 'maxTokens': c.get('maxTokens'),
         'thinking': c.get('thinking') or 'off', 'customOptions': custom,
         'maxConcurrentRequests': None, 'openRouter': None}
    if c.get('cloud'):
        s['cloud'] = {k: v for k, v in c['cloud'].items() if v is not None}
    if c.get('openRouter'):
        s['openRouter'] = {'pinProviders': c['openRouter']['providerOrder'],
                           'allowFallbacks': c['openRouter']['allowFallbacks']}
    return s

def convert(d):
    c, r = d['case'], d['request']
    base = c.get('baseURL') or DEFAULT_BASE.get(c['provider']) or cloud_base(c)
    base_path = '/' + base.split('://', 1)[1].split('/', 1)[1] if '/' in base.split('://', 1)[1] else ''
    assert r['path'].startswith(base_path), (c['id'], base_path, r['path'])
    body = copy.deepcopy(r['body'])
    deviations = []
    thinking, custom = c.get('thinking'), (json.loads(c['customJson']) if c.get('customJson') else None)
    if c['provider'] == 'anthropic' and thinking in ('low', 'medium', 'high'):
        body['output_config'] = {'effort': thinking}
        deviations.append('Anthropic preset: output_config.effort carries the level (the SDK drops outputConfig)')
    if c['provider'] == 'novita':
        po = d['sdkCall']['providerOptions'].get('openaiCompatible', {})
        if 'thinking' in po:
            body['thinking'] = po['thinking']
            deviations.append('Novita: thinking reaches the wire like any OpenAI-compatible provider (the SDK drops it under the name novita)')
    if c['provider'] == 'open_router':
        moved = [k for k in list(body) if k in OPENROUTER_ROUTING]
        if moved:
            body.setdefault('provider', {})
            for k in moved:
                body['provider'][k] = body.pop(k)
            deviations.append('OpenRouter: routing keys given at the top level of customOptions (%s) are moved under provider' % ', '.join(moved))
    if c['provider'] == 'azure_openai' and (c.get('cloud') or {}).get('api') == 'chat' and thinking in ('low', 'medium', 'high'):
        if body.get('reasoning_effort') != thinking:
            body['reasoning_effort'] = thinking
            deviations.append('Azure chat preset: reasoning_effort carries the level (the SDK drops the azure-namespaced reasoningEffort on the chat API)')
    expect_reject = False
    if custom and set(custom) & NAMESPACES and OWN_NS[c['provider']] not in custom:
        expect_reject = True
        deviations.append('customOptions namespaced only for another provider: the save is rejected with 400 instead of being silently dropped')
    headers = {k: v.replace(RECORDED_ACCESS_TOKEN, '<ACCESS_TOKEN>') for k, v in r['headers'].items() if k in KEEP_HEADERS}
    return {
        'id': c['id'], 'why': c['why'],
        'slot': slot_config(c),
        'messages': [{'role': 'system', 'content': c['systemPrompt']}, {'role': 'user', 'content': c['userMessage']}],
        'productionUrl': d['productionUrl'],
        'expected': None if expect_reject else {
            'method': r['method'], 'basePath': base_path, 'endpoint': r['path'][len(base_path):],
            'headers': headers, 'body': body,
            **({'query': r['query']} if r.get('query') else {}),
            'maxTokensValueFree': c.get('maxTokens') is None,
        },
        'expectSaveRejected': expect_reject,
        'deviationsFromSdk': deviations,
        'sdkWarnings': [w.get('details') or w.get('message') for w in d.get('sdkWarnings') or []],
        **({'sdk': {k: v for k, v in d['sdk']['versions'].items()}} if c['provider'] in CLOUD else {}),
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    golden, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    for f in sorted(glob.glob(os.path.join(golden, '*.json'))):
        cid = os.path.basename(f)[:-5]
        if any(m in cid for m in SDK_VARIANT_MARKERS):
            continue
        with open(os.path.join(out_dir, cid + '.json'), 'w') as fh:
            json.dump(convert(json.load(open(f))), fh, indent=2, ensure_ascii=False)
            fh.write('\n')
        n += 1
    print('%d case(s) written to %s' % (n, out_dir))


if __name__ == '__main__':
    main()
