// Production. Identifiers that differ per Azure tenant come from the pipeline's variable group
// (workplace-resilience-prod) as environment variables; nothing here is secret.
using '../main.bicep'

param environmentName = 'prod'
param namePrefix = 'wresilience'
param entraClientId = readEnvironmentVariable('ENTRA_CLIENT_ID')
param teamsAppId = readEnvironmentVariable('TEAMS_APP_ID')
param deployerObjectId = readEnvironmentVariable('DEPLOYER_OBJECT_ID', '')
param postgresAdminGroupObjectId = readEnvironmentVariable('POSTGRES_ADMIN_GROUP_ID', '')
param postgresAdminGroupName = readEnvironmentVariable('POSTGRES_ADMIN_GROUP_NAME', '')
param postgresSkuName = 'Standard_D2ds_v5'
param postgresSkuTier = 'GeneralPurpose'
param postgresStorageSizeGB = 128
param postgresHighAvailability = 'ZoneRedundant'
param appServiceSkuName = 'P1v3'
param appServiceInstanceCount = 2
param otlpEndpoint = readEnvironmentVariable('OTLP_ENDPOINT', '')
param logRetentionInDays = 90
