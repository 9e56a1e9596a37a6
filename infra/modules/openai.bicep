// Azure OpenAI account with key auth disabled (Entra ID only) and one model
// deployment used by the message composer.

@description('Name of the Azure OpenAI account.')
param name string

@description('Custom subdomain; becomes https://<subdomain>.openai.azure.com/. Must be globally unique.')
param customSubDomainName string

@description('Azure region for the account. The model must be offered there.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Name of the model deployment (what the app puts in its requests).')
param deploymentName string

@description('Model name, e.g. gpt-4o-mini.')
param modelName string

@description('Model version, e.g. 2024-07-18.')
param modelVersion string

@description('Deployment SKU, e.g. GlobalStandard or Standard.')
param deploymentSkuName string

@description('Deployment capacity in thousands of tokens per minute.')
@minValue(1)
param deploymentCapacity int

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: customSubDomainName
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: deploymentName
  sku: {
    name: deploymentSkuName
    capacity: deploymentCapacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
    versionUpgradeOption: 'NoAutoUpgrade'
  }
}

output name string = account.name
output id string = account.id
output endpoint string = account.properties.endpoint
output deploymentName string = deployment.name
