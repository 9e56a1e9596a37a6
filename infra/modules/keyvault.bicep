// Key Vault in RBAC mode for the app's secrets. The app never reads the vault
// itself: App Service resolves @Microsoft.KeyVault(SecretUri=...) references in
// app settings with the user-assigned identity (keyVaultReferenceIdentity).
//
// Secrets are created only when a value is passed in. The normal path is to
// set them after `azd up` with `az keyvault secret set` (docs/deploy.md), so no
// secret ever sits in a parameters file. A later deployment without a value
// leaves an existing secret untouched.

@description('Name of the Key Vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Turn on purge protection. Once on, it cannot be turned off, and a deleted vault name stays reserved for the retention period.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Secret name -> value. Entries with an empty value are skipped.')
@secure()
param secretValues object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service rejects an explicit false; leave it unset instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in items(secretValues): if (!empty(secret.value)) {
    parent: vault
    name: secret.key
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]

output name string = vault.name
output id string = vault.id
output endpoint string = vault.properties.vaultUri
