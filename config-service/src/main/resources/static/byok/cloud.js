// The cloud step of "Configure manually": where an Azure OpenAI, Vertex AI or Bedrock model lives
// (resource, project and location, region) and how its credential is given: a Vertex
// service-account JSON key can be uploaded (read in the browser, never shown), Bedrock access keys
// are three masked fields that become one JSON credential. The whole credential is the slot's
// apiKey: encrypted by the server and never shown again.

import {h} from './dom.js';

export const CLOUD_PROVIDERS = ['azure_openai', 'google_vertex', 'amazon_bedrock'];

/**
 * @param id makes element ids unique to the form
 * @param field (name, label, input, hint) -> a labelled field with an error slot (the form's helper)
 * @param apiKey the form's masked credential input (a JSON key file fills it)
 */
export function cloudStep(id, field, apiKey) {
  const text = (name, placeholder) => h('input', {type: 'text', name, autocomplete: 'off', spellcheck: 'false',
    placeholder});
  const select = (name, options) => h('select', {name},
    options.map(([value, label]) => h('option', {value, text: label})));
  const secret = (name) => h('input', {type: 'password', name, autocomplete: 'off', spellcheck: 'false'});

  const resourceName = text('resourceName', 'contoso-reviews');
  const apiVersion = text('apiVersion', 'v1');
  const api = select('api', [['responses', 'Responses API'], ['chat', 'Chat completions']]);
  const azure = h('div', {class: 'cloud-fields', id: id('cloud-azure')},
    field('cloud.resourceName', 'Azure OpenAI resource name', resourceName,
      'The part before .openai.azure.com. The model field takes your deployment name.'),
    field('cloud.apiVersion', 'API version', apiVersion, 'v1 (the default) or a dated version such as 2025-04-01-preview.'),
    field('cloud.api', 'API', api, 'The Responses API unless your deployment only serves chat completions.'));

  const vertexAuth = select('vertexAuth', [['service-account', 'Service-account JSON key'], ['api-key', 'Vertex API key']]);
  const project = text('project', 'my-project-id');
  const location = text('location', 'us-central1');
  const keyFile = h('input', {type: 'file', name: 'serviceAccountKey', accept: 'application/json,.json'});
  const keyFileStatus = h('p', {class: 'hint', id: id('key-file-status'), 'aria-live': 'polite'});
  keyFile.addEventListener('change', async () => {
    const file = keyFile.files && keyFile.files[0];
    if (!file) {
      return;
    }
    const content = await file.text();
    try {
      const key = JSON.parse(content);
      if (key.type !== 'service_account' || !key.client_email || !key.private_key) {
        keyFileStatus.textContent = 'This file is not a service-account key (no service_account type, client_email '
          + 'or private_key).';
        return;
      }
      apiKey.value = content;
      keyFileStatus.textContent = 'Key of ' + key.client_email + ' loaded; it is sent once, stored encrypted and '
        + 'never shown again.';
      if (!project.value && key.project_id) {
        project.value = key.project_id;
      }
    } catch (e) {
      keyFileStatus.textContent = 'This file is not JSON.';
    } finally {
      keyFile.value = '';
    }
  });
  const vertexKeyFile = field('serviceAccountKey', 'Service-account key file', keyFile,
    'The JSON key downloaded from IAM > Service accounts > Keys; it needs the Vertex AI User role.');
  const vertex = h('div', {class: 'cloud-fields', id: id('cloud-vertex')},
    field('cloud.auth', 'Authentication', vertexAuth, 'A service-account key is exchanged for short-lived access tokens.'),
    field('cloud.project', 'Google Cloud project id', project, 'The project with the Vertex AI API enabled.'),
    field('cloud.location', 'Location', location, 'us-central1, europe-west4, global, ...'),
    vertexKeyFile, keyFileStatus);

  const region = text('region', 'us-east-1');
  const bedrockAuth = select('bedrockAuth', [['api-key', 'Bedrock API key'], ['access-key', 'AWS access keys']]);
  const accessKeyId = text('accessKeyId', 'AKIA...');
  const secretAccessKey = secret('secretAccessKey');
  const sessionToken = secret('sessionToken');
  const accessKeys = h('div', {class: 'cloud-fields', id: id('cloud-access-keys')},
    field('accessKeyId', 'Access key id', accessKeyId),
    field('secretAccessKey', 'Secret access key', secretAccessKey, 'Stored encrypted with the key id; never shown again.'),
    field('sessionToken', 'Session token (optional)', sessionToken, 'Only for temporary credentials.'));
  const bedrock = h('div', {class: 'cloud-fields', id: id('cloud-bedrock')},
    field('cloud.region', 'AWS region', region, 'Where the model is enabled in Bedrock.'),
    field('cloud.auth', 'Authentication', bedrockAuth, 'Access keys sign each request (SigV4).'),
    accessKeys);

  const step = h('li', {class: 'step', id: id('step-cloud')}, h('h4', {text: 'Where the model lives'}),
    azure, vertex, bedrock);

  return {
    step,
    /** Shows the fields of the chosen provider; returns whether the API-key field is used as is. */
    show(provider) {
      step.hidden = !CLOUD_PROVIDERS.includes(provider);
      azure.hidden = provider !== 'azure_openai';
      vertex.hidden = provider !== 'google_vertex';
      bedrock.hidden = provider !== 'amazon_bedrock';
      vertexKeyFile.hidden = vertexAuth.value !== 'service-account';
      accessKeys.hidden = bedrockAuth.value !== 'access-key';
    },
    bind(onChange) {
      vertexAuth.addEventListener('change', onChange);
      bedrockAuth.addEventListener('change', onChange);
    },
    /** The slot's cloud settings, or null for the other providers. */
    settings(provider) {
      const value = (input) => input.value.trim() || null;
      switch (provider) {
        case 'azure_openai':
          return {resourceName: value(resourceName), apiVersion: value(apiVersion), api: api.value};
        case 'google_vertex':
          return {project: value(project), location: value(location), auth: vertexAuth.value};
        case 'amazon_bedrock':
          return {region: value(region), auth: bedrockAuth.value};
        default:
          return null;
      }
    },
    /** The credential to send: Bedrock access keys as one JSON object, otherwise the key field. */
    credential(provider, typed) {
      if (provider === 'amazon_bedrock' && bedrockAuth.value === 'access-key' && accessKeyId.value.trim()) {
        const key = {accessKeyId: accessKeyId.value.trim(), secretAccessKey: secretAccessKey.value};
        if (sessionToken.value) {
          key.sessionToken = sessionToken.value;
        }
        return JSON.stringify(key);
      }
      return typed;
    },
    fill(cloud) {
      if (!cloud) {
        return;
      }
      resourceName.value = cloud.resourceName || '';
      apiVersion.value = cloud.apiVersion || '';
      api.value = cloud.api || 'responses';
      project.value = cloud.project || '';
      location.value = cloud.location || '';
      region.value = cloud.region || '';
      vertexAuth.value = cloud.auth === 'api-key' ? 'api-key' : 'service-account';
      bedrockAuth.value = cloud.auth === 'access-key' ? 'access-key' : 'api-key';
    },
  };
}
