// The service on App Service (Linux, .NET 10), running as the user-assigned managed identity.
// Configuration keys are the service's own (README, "Configuration"); `__` stands for `:`.
param name string
param location string
param tags object = {}
param identityId string
param identityClientId string
param entraClientId string
param teamsAppId string
@description('PostgreSQL connection string without a password (the identity signs in with an Entra token).')
param postgresConnectionString string
param keyVaultName string
@description('OTLP/HTTP base address of the OpenTelemetry Collector; empty turns telemetry export off.')
param otlpEndpoint string
param appInsightsConnectionString string
param skuName string = 'P1v3'
@minValue(1)
param instanceCount int = 2

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: skuName, capacity: instanceCount }
  properties: { reserved: true }
}

var baseSettings = [
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'Storage__Postgres', value: postgresConnectionString }
  { name: 'Storage__PostgresAuthentication', value: 'ManagedIdentity' }
  // A Key Vault reference, resolved by App Service with the identity named in keyVaultReferenceIdentity.
  { name: 'Security__EventHashKey', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=Security--EventHashKey)' }
  { name: 'AzureAd__ClientId', value: entraClientId }
  // No client secret: the managed identity's token is the client assertion (a federated credential on the app registration).
  { name: 'AzureAd__ClientCredentials__0__SourceType', value: 'SignedAssertionFromManagedIdentity' }
  { name: 'AzureAd__ClientCredentials__0__ManagedIdentityClientId', value: identityClientId }
  // Which user-assigned identity Azure.Identity's ManagedIdentityCredential/DefaultAzureCredential use (PostgreSQL tokens).
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'Graph__TeamsAppId', value: teamsAppId }
  // Read by the OpenTelemetry Collector that forwards the service's OTLP to Application Insights.
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
]
var telemetrySettings = empty(otlpEndpoint) ? [] : [{ name: 'Telemetry__OtlpEndpoint', value: otlpEndpoint }]

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/health/ready'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(baseSettings, telemetrySettings)
    }
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
