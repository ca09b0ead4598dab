// WorkplaceResilience: the service on App Service (Linux), PostgreSQL Flexible Server, and a user-assigned
// managed identity that holds the Entra app's federated credential (no client secret to rotate).
targetScope = 'resourceGroup'

@description('Short name used to derive resource names.')
param name string = 'wresilience'
param location string = resourceGroup().location
@description('Entra app (client) id of the multi-tenant WorkplaceResilience app registration.')
param entraClientId string
@description('Administrator login for PostgreSQL; the password comes from the pipeline secret store.')
param postgresAdmin string = 'wradmin'
@secure()
param postgresPassword string
@description('Base64 of 32+ random bytes keying the stored event-id hashes (keep it in the pipeline secret store or Key Vault).')
@secure()
param eventHashKey string

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: '${name}-id', location: location }
}

module database 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    name: '${name}-pg'
    location: location
    administratorLogin: postgresAdmin
    administratorPassword: postgresPassword
  }
}

module app 'modules/appservice.bicep' = {
  name: 'app'
  params: {
    name: name
    location: location
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    entraClientId: entraClientId
    eventHashKey: eventHashKey
    postgresConnectionString: 'Host=${database.outputs.fqdn};Database=workplace_resilience;Username=${postgresAdmin};Password=${postgresPassword};SSL Mode=Require'
  }
}

output hostName string = app.outputs.hostName
