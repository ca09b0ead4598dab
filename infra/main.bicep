// WorkplaceResilience: App Service (Linux, .NET 10), PostgreSQL Flexible Server with Entra authentication only,
// Key Vault (RBAC), Log Analytics + Application Insights, and one user-assigned managed identity that reaches
// Graph (federated credential on the app registration), PostgreSQL and Key Vault without any secret.
// No secret value is a parameter or a literal here; the event-hash secret lives in Key Vault only.
// Per-environment values: infra/env/<env>.bicepparam. Deployment steps: docs/deploy.md.
targetScope = 'resourceGroup'

@description('Environment name (dev, prod); part of every resource name.')
@allowed(['dev', 'prod'])
param environmentName string

@description('Short prefix for resource names; the web app becomes <prefix>-<env> (its host name <prefix>-<env>.azurewebsites.net).')
@minLength(3)
@maxLength(16)
param namePrefix string = 'wresilience'

param location string = resourceGroup().location

@description('Application (client) id of the multi-tenant Entra app registration (infra/entra/app-registration.json).')
param entraClientId string

@description('The Teams app id of the manifest (a GUID per environment), used in notification deep links.')
param teamsAppId string

@description('Object id of the pipeline\'s service principal; gets Key Vault Secrets Officer to create the event-hash secret once. Empty: grant nothing.')
param deployerObjectId string = ''

@description('Optional Entra group (object id and display name) allowed to administer PostgreSQL.')
param postgresAdminGroupObjectId string = ''
param postgresAdminGroupName string = ''

@description('PostgreSQL compute: SKU name and tier, storage, high availability.')
param postgresSkuName string = 'Standard_B2s'
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresSkuTier string = 'Burstable'
param postgresStorageSizeGB int = 32
@allowed(['Disabled', 'ZoneRedundant', 'SameZone'])
param postgresHighAvailability string = 'Disabled'

@description('App Service plan SKU and instance count.')
param appServiceSkuName string = 'P1v3'
@minValue(1)
param appServiceInstanceCount int = 2

@description('OTLP/HTTP base address of the OpenTelemetry Collector that forwards to Application Insights (for a sidecar: http://localhost:4318). Empty: the service exports no telemetry.')
param otlpEndpoint string = ''

@description('Days Log Analytics keeps telemetry.')
param logRetentionInDays int = 30

var baseName = '${namePrefix}-${environmentName}'
var tags = { app: 'workplace-resilience', environment: environmentName }
// Key Vault names are global, 3-24 characters: prefix + env + a short hash of the resource group.
var keyVaultName = take('${namePrefix}${environmentName}${uniqueString(resourceGroup().id)}', 24)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: '${baseName}-id', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { name: baseName, location: location, tags: tags, retentionInDays: logRetentionInDays }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
    writerPrincipalId: deployerObjectId
  }
}

module database 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    name: '${baseName}-pg'
    location: location
    tags: tags
    adminIdentityName: identity.outputs.name
    adminIdentityPrincipalId: identity.outputs.principalId
    adminGroupObjectId: postgresAdminGroupObjectId
    adminGroupName: postgresAdminGroupName
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    highAvailability: postgresHighAvailability
  }
}

module app 'modules/appservice.bicep' = {
  name: 'app'
  params: {
    name: baseName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    entraClientId: entraClientId
    teamsAppId: teamsAppId
    // No password: the user is the identity's name, the password an Entra token fetched per connection.
    postgresConnectionString: 'Host=${database.outputs.fqdn};Database=${database.outputs.databaseName};Username=${identity.outputs.name};SSL Mode=Require'
    keyVaultName: vault.outputs.name
    otlpEndpoint: otlpEndpoint
    appInsightsConnectionString: monitoring.outputs.connectionString
    skuName: appServiceSkuName
    instanceCount: appServiceInstanceCount
  }
}

// What the Teams app package and the app registration need.
output hostName string = app.outputs.hostName
output webAppName string = app.outputs.name
output managedIdentityClientId string = identity.outputs.clientId
output managedIdentityPrincipalId string = identity.outputs.principalId
output keyVaultName string = vault.outputs.name
output entraClientId string = entraClientId
output teamsAppId string = teamsAppId
output applicationInsightsName string = monitoring.outputs.insightsName
