// Development environment. Identifiers that differ per Azure tenant come from the pipeline's variable group
// (workplace-resilience-dev) as environment variables; nothing here is secret.
using '../main.bicep'

param environmentName = 'dev'
param namePrefix = 'wresilience'
param entraClientId = readEnvironmentVariable('ENTRA_CLIENT_ID')
param teamsAppId = readEnvironmentVariable('TEAMS_APP_ID')
param deployerObjectId = readEnvironmentVariable('DEPLOYER_OBJECT_ID', '')
param postgresSkuName = 'Standard_B2s'
param postgresSkuTier = 'Burstable'
param postgresStorageSizeGB = 32
param postgresHighAvailability = 'Disabled'
param appServiceSkuName = 'B2'
param appServiceInstanceCount = 1
param otlpEndpoint = readEnvironmentVariable('OTLP_ENDPOINT', '')
param logRetentionInDays = 30
