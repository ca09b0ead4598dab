// Key Vault in RBAC mode. It holds the event-hash secret `Security--EventHashKey` (created once by the
// pipeline, never by this template: no secret values in templates) and, optionally, a certificate for the
// app registration. The service's identity may read secrets; an optional deployer may write them.
param name string
param location string
param tags object = {}
@description('Principal id (object id) of the service\'s managed identity: gets Key Vault Secrets User.')
param readerPrincipalId string
@description('Object id of the pipeline\'s service principal, to create the event-hash secret once; empty grants nothing.')
param writerPrincipalId string = ''

var secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User
var secretsOfficerRole = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7' // Key Vault Secrets Officer

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource writeSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(writerPrincipalId)) {
  name: guid(vault.id, writerPrincipalId, secretsOfficerRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRole)
    principalId: writerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
