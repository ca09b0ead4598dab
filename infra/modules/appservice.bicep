param name string
param location string
param identityId string
param identityClientId string
param entraClientId string
@secure()
param postgresConnectionString string
@secure()
param eventHashKey string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: 'P1v3', capacity: 2 }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/health/ready'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'Storage__Postgres', value: postgresConnectionString }
        { name: 'Security__EventHashKey', value: eventHashKey }
        { name: 'AzureAd__ClientId', value: entraClientId }
        // No secret: the user-assigned identity's token is the client assertion (a federated credential on the app registration).
        { name: 'AzureAd__ClientCredentials__0__SourceType', value: 'SignedAssertionFromManagedIdentity' }
        { name: 'AzureAd__ClientCredentials__0__ManagedIdentityClientId', value: identityClientId }
      ]
    }
  }
}

output hostName string = site.properties.defaultHostName
