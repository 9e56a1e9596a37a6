// PlComms infrastructure, deployed by `azd up` (azure.yaml at the repo root).
// Subscription scope: creates the resource group rg-<environmentName> and
// everything in it. Every parameter and output is described in docs/deploy.md;
// scripts/lint-infra fails if one is missing there.
targetScope = 'subscription'

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group (rg-<name>) and seeds resource names.')
param environmentName string

@minLength(1)
@description('Azure region for all resources (Flex Consumption must be offered there).')
param location string

@description('Object id of the person or pipeline running the deployment. Gets Key Vault Secrets Officer and Storage Table Data Contributor. Empty skips both.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Region for the Azure OpenAI account; empty means the same as location. Use it when the model is not offered in location.')
param openAiLocation string = ''

@description('Azure OpenAI model to deploy.')
param openAiModelName string = 'gpt-4o-mini'

@description('Version of that model.')
param openAiModelVersion string = '2024-07-18'

@description('Name of the model deployment (the app gets it as AzureOpenAI__Deployment); empty means the same as openAiModelName.')
param openAiDeploymentName string = ''

@description('SKU of the model deployment.')
param openAiDeploymentSkuName string = 'GlobalStandard'

@description('Capacity of the model deployment, in thousands of tokens per minute.')
@minValue(1)
param openAiDeploymentCapacity int = 10

@description('Upper limit of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Turn on Key Vault purge protection (cannot be turned off later).')
param keyVaultEnablePurgeProtection bool = true

@description('Which composer writes message drafts: openai (Azure OpenAI) or template (deterministic).')
@allowed([
  'openai'
  'template'
])
param messagesComposer string = 'openai'

@description('Who families and staff contact about the messages, e.g. "the district office at 555-0100"; empty names the district office in general.')
@maxLength(200)
param messagesDistrictContact string = ''

@description('Sender address for survey mail; must be a SendGrid-verified sender or on an authenticated domain.')
param sendGridFromEmail string = ''

@description('Sender display name for survey mail.')
param sendGridFromName string = 'PlComms'

@description('SendGrid sandbox mode: requests are validated and answered but no mail is delivered. For a first deploy or a staging slot.')
param sendGridSandboxMode bool = false

@description('Key id in Tokens__SigningKeys used to sign new survey and unsubscribe links.')
param tokensActiveKeyId string = 'k1'

@description('Survey results never show a group with fewer responses than this (never below 5).')
@minValue(5)
@maxValue(1000)
param resultsMinGroupSize int = 5

@description('Open comments are shown to the officer only for groups of at least this many respondents (never below 10).')
@minValue(10)
@maxValue(1000)
param resultsCommentsMinGroupSize int = 10

@description('Goal of the parents\' communication success index, in % favorable.')
@minValue(1)
@maxValue(100)
param resultsParentsGoal int = 75

@description('Goal of the teachers\' communication success index, in % favorable.')
@minValue(1)
@maxValue(100)
param resultsTeachersGoal int = 75

@secure()
@description('Optional. SendGrid API key, stored as Key Vault secret SendGrid-ApiKey. Prefer az keyvault secret set.')
param sendGridApiKey string = ''

@secure()
@description('Optional. SendGrid signed event webhook public key, stored as Key Vault secret SendGrid-WebhookPublicKey.')
param sendGridWebhookPublicKey string = ''

@secure()
@description('Optional. Link signing keys kid1:base64key,kid2:base64key, stored as Key Vault secret Tokens-SigningKeys.')
param tokensSigningKeys string = ''

@secure()
@description('Optional. Comma-separated officer API keys, stored as Key Vault secret Officer-ApiKeys.')
param officerApiKeys string = ''

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  app: 'plcomms'
}
var serviceName = 'api'

var resourceGroupName = 'rg-${environmentName}'
var identityName = 'id-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var deploymentContainerName = 'app-package'
var keyVaultName = 'kv-${resourceToken}'
var logAnalyticsName = 'log-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'
var openAiName = 'oai-${resourceToken}'
var functionPlanName = 'plan-${resourceToken}'
var functionAppName = 'func-${resourceToken}'

// Tables the app uses. Add a table here when a feature needs one.
var appTableNames = [
  'Visions'
  'Messages'
  'TimerRuns'
  'Contacts'
  'Suppressions'
  'Campaigns'
  'Deliveries'
  'Surveys'
  'SurveyResponses'
  'SurveyThrottle'
  'SurveyResults'
  'FollowUpRules'
  'FollowUps'
  'DataProtectionKeys'
]

// Queues of the delivery pipeline and the poison queues the host moves failed messages to (host.json maxDequeueCount).
var appQueueNames = [
  'delivery-plan'
  'delivery-plan-poison'
  'delivery-send'
  'delivery-send-poison'
  'results-aggregate'
  'results-aggregate-poison'
]

// Key Vault secret names. App settings reference them below.
var secretNames = {
  sendGridApiKey: 'SendGrid-ApiKey'
  sendGridWebhookPublicKey: 'SendGrid-WebhookPublicKey'
  tokensSigningKeys: 'Tokens-SigningKeys'
  officerApiKeys: 'Officer-ApiKeys'
}

// ---------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    tableNames: appTableNames
    queueNames: appQueueNames
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    enablePurgeProtection: keyVaultEnablePurgeProtection
    secretValues: {
      '${secretNames.sendGridApiKey}': sendGridApiKey
      '${secretNames.sendGridWebhookPublicKey}': sendGridWebhookPublicKey
      '${secretNames.tokensSigningKeys}': tokensSigningKeys
      '${secretNames.officerApiKeys}': officerApiKeys
    }
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  scope: rg
  params: {
    name: openAiName
    customSubDomainName: openAiName
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    deploymentName: empty(openAiDeploymentName) ? openAiModelName : openAiDeploymentName
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSkuName: openAiDeploymentSkuName
    deploymentCapacity: openAiDeploymentCapacity
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityName: identityName
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    openAiName: openAiName
    applicationInsightsName: applicationInsightsName
    principalId: principalId
    principalType: principalType
  }
  // The module looks these resources up by name, so the dependency is not
  // visible to Bicep.
  dependsOn: [
    identity
    storage
    keyVault
    openAi
    monitoring
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: functionAppName
    planName: functionPlanName
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    deploymentStorageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
  }
}

// ---------------------------------------------------------------------------
// App settings: the one place their names live. Env-var form (__ for :).
// Do not add FUNCTIONS_WORKER_RUNTIME or FUNCTIONS_EXTENSION_VERSION: on Flex
// Consumption the runtime is functionAppConfig.runtime (modules/functionapp.bicep).
// ---------------------------------------------------------------------------

var keyVaultSecretsUri = '${keyVault.outputs.endpoint}secrets/'

var hostSettings = {
  // Functions host storage, identity-based.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  // Application Insights with Entra auth (local auth is disabled).
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  // DefaultAzureCredential picks the user-assigned identity with this.
  AZURE_CLIENT_ID: identity.outputs.clientId
}

var appSettings = {
  App__PublicBaseUrl: functionApp.outputs.uri
  Storage__TableServiceUri: storage.outputs.tableEndpoint
  // One setting serves the app (QueueServiceUri) and the queue trigger's identity-based connection "Storage".
  Storage__QueueServiceUri: storage.outputs.queueEndpoint
  Storage__credential: 'managedidentity'
  Storage__clientId: identity.outputs.clientId
  Delivery__Sender: 'sendgrid'
  SendGrid__SandboxMode: string(sendGridSandboxMode)
  Officer__ApiKeys: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsUri}${secretNames.officerApiKeys}/)'
  AzureOpenAI__Endpoint: openAi.outputs.endpoint
  AzureOpenAI__Deployment: openAi.outputs.deploymentName
  // Provenance label stored on every generated draft.
  AzureOpenAI__Model: '${openAiModelName}-${openAiModelVersion}'
  Messages__Composer: messagesComposer
  Messages__DistrictContact: messagesDistrictContact
  SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsUri}${secretNames.sendGridApiKey}/)'
  SendGrid__FromEmail: sendGridFromEmail
  SendGrid__FromName: sendGridFromName
  SendGrid__WebhookPublicKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsUri}${secretNames.sendGridWebhookPublicKey}/)'
  Tokens__SigningKeys: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsUri}${secretNames.tokensSigningKeys}/)'
  Tokens__ActiveKeyId: tokensActiveKeyId
  Results__MinGroupSize: string(resultsMinGroupSize)
  Results__CommentsMinGroupSize: string(resultsCommentsMinGroupSize)
  Results__ParentsGoal: string(resultsParentsGoal)
  Results__TeachersGoal: string(resultsTeachersGoal)
}

module functionAppSettings 'modules/appsettings.bicep' = {
  name: 'functionapp-settings'
  scope: rg
  params: {
    siteName: functionAppName
    settings: union(hostSettings, appSettings)
  }
  // The app must not start with settings that point at resources it cannot
  // reach yet. (The site dependency comes from App__PublicBaseUrl.)
  dependsOn: [
    rbac
  ]
}

// ---------------------------------------------------------------------------
// Outputs (azd writes them to .azure/<env>/.env)
// ---------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.endpoint
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_DEPLOYMENT string = openAi.outputs.deploymentName
output AZURE_CLIENT_ID string = identity.outputs.clientId
