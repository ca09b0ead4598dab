// PostgreSQL Flexible Server with Microsoft Entra authentication only: password authentication is off and
// there is no administrator password anywhere. The service's managed identity is the Entra administrator;
// it connects with its own name as user name and an Entra access token
// (scope https://ossrdbms-aad.database.windows.net/.default) as the password.
param name string
param location string
param tags object = {}
@description('Name of the managed identity that becomes the Entra administrator (also the PostgreSQL user name).')
param adminIdentityName string
@description('Object (principal) id of that managed identity.')
param adminIdentityPrincipalId string
@description('Optional Entra group of people who may administer the database (object id); empty for none.')
param adminGroupObjectId string = ''
@description('Display name of that group.')
param adminGroupName string = ''
param skuName string = 'Standard_B2s'
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param skuTier string = 'Burstable'
param storageSizeGB int = 32
@allowed(['Disabled', 'ZoneRedundant', 'SameZone'])
param highAvailability string = 'Disabled'
param backupRetentionDays int = 14
param databaseName string = 'workplace_resilience'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: skuName, tier: skuTier }
  properties: {
    version: '16'
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: subscription().tenantId
    }
    storage: { storageSizeGB: storageSizeGB }
    backup: { backupRetentionDays: backupRetentionDays, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: highAvailability }
  }
}

// The server accepts one change at a time: the child resources below run one after another.
resource identityAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: adminIdentityPrincipalId
  properties: {
    principalName: adminIdentityName
    principalType: 'ServicePrincipal'
    tenantId: subscription().tenantId
  }
}

resource groupAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(adminGroupObjectId)) {
  parent: server
  name: empty(adminGroupObjectId) ? 'none' : adminGroupObjectId
  properties: {
    principalName: adminGroupName
    principalType: 'Group'
    tenantId: subscription().tenantId
  }
  dependsOn: [identityAdmin]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
  dependsOn: [identityAdmin, groupAdmin]
}

// 0.0.0.0–0.0.0.0 is Azure's convention for "Azure services", which includes App Service's outbound addresses.
// Tighten with VNet integration and private access where the subscription allows it.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'allow-azure-services'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
  dependsOn: [database]
}

output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
