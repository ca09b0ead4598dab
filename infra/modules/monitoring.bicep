// Log Analytics workspace and a workspace-based Application Insights component. The service exports
// OpenTelemetry over OTLP/HTTP (Telemetry__OtlpEndpoint); an OpenTelemetry Collector forwards it to this
// component (see docs/deploy.md, "Telemetry").
param name string
param location string
param tags object = {}
@minValue(30)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

output workspaceId string = workspace.id
output insightsName string = insights.name
// Not a secret (it only allows sending telemetry), but keep it out of logs anyway.
output connectionString string = insights.properties.ConnectionString
