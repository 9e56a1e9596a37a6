// Role assignments. Every resource the app uses accepts only Entra ID, so these
// grants are the app's whole access list. Each assignment is named with guid()
// over (scope, principal, role) so redeployments are idempotent.
//
// The app's identity is looked up by name, so assignment names are known before
// the deployment runs (no what-if short-circuiting).

@description('Name of the app\'s user-assigned identity.')
param identityName string

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the Azure OpenAI account.')
param openAiName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Object id of the person or pipeline deploying; empty skips their grants.')
param principalId string

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string

// Storage Table Data Contributor
var storageTableDataContributor = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
)
// Storage Queue Data Contributor
var storageQueueDataContributor = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
)
// Storage Blob Data Owner
var storageBlobDataOwner = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
)
// Cognitive Services OpenAI User
var cognitiveServicesOpenAiUser = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
)
// Key Vault Secrets User
var keyVaultSecretsUser = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '4633458b-17de-408a-b874-0445c86b69e6'
)
// Key Vault Secrets Officer
var keyVaultSecretsOfficer = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
)
// Monitoring Metrics Publisher
var monitoringMetricsPublisher = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '3913510d-42f4-4e42-8a64-420c390055eb'
)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// ---- the app's identity ----

// App tables (Storage__TableServiceUri) and the host's table use.
resource appTableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageTableDataContributor)
  properties: {
    roleDefinitionId: storageTableDataContributor
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Functions host queues (AzureWebJobsStorage__queueServiceUri).
resource appQueueData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageQueueDataContributor)
  properties: {
    roleDefinitionId: storageQueueDataContributor
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Host blobs (leases, keys, timer state) and the Flex deployment container.
resource appBlobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageBlobDataOwner)
  properties: {
    roleDefinitionId: storageBlobDataOwner
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Azure OpenAI inference with an Entra token.
resource appOpenAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: openAi
  name: guid(openAi.id, identity.id, cognitiveServicesOpenAiUser)
  properties: {
    roleDefinitionId: cognitiveServicesOpenAiUser
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault references in app settings.
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: keyVaultSecretsUser
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Telemetry ingestion into Application Insights with local auth disabled.
resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, identity.id, monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: monitoringMetricsPublisher
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- the deploying user (optional) ----

// Lets the deployer run `az keyvault secret set`.
resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  scope: vault
  name: guid(vault.id, principalId, keyVaultSecretsOfficer)
  properties: {
    roleDefinitionId: keyVaultSecretsOfficer
    principalId: principalId
    principalType: principalType
  }
}

// Lets the deployer inspect the app's tables (Storage Explorer, az storage entity).
resource deployerTableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  scope: storage
  name: guid(storage.id, principalId, storageTableDataContributor)
  properties: {
    roleDefinitionId: storageTableDataContributor
    principalId: principalId
    principalType: principalType
  }
}
