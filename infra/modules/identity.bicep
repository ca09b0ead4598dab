// The service's user-assigned managed identity. It signs in to three things without any secret:
// Microsoft Graph (as the app registration's federated credential), PostgreSQL (as an Entra principal)
// and Key Vault (Key Vault Secrets User, granted in keyvault.bicep).
param name string
param location string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
