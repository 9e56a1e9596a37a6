// Writes the complete app-settings set of an existing function app.
// The set itself is assembled in main.bicep (var appSettings), the one place
// where setting names live. This resource replaces all settings on every
// deployment, so a setting added by hand in the portal is removed by the next
// `azd provision`: add it to main.bicep instead.

@description('Name of the function app.')
param siteName string

@description('App settings: name -> value. Contains no secret values, only Key Vault references.')
param settings object

resource site 'Microsoft.Web/sites@2024-11-01' existing = {
  name: siteName
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: settings
}

output names string[] = objectKeys(appSettings.properties)
