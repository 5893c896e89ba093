// MUS for Teams in Azure: one Linux Web App (bot endpoint, tab and its API), Table Storage reached with a
// user-assigned managed identity, and an Azure Bot that signs in with the same identity. No keys,
// passwords or connection strings exist anywhere: the identity is the bot's credential and the
// storage account refuses shared-key access.
// Deployed by teamsapp.yml (arm/deploy); each output is written to env/.env.<env> under its own name.

@minLength(4)
@maxLength(20)
@description('Base of every resource name, e.g. "mus${{RESOURCE_SUFFIX}}".')
param resourceBaseName string

@description('Azure region of the Web App, plan, identity and storage.')
param location string = resourceGroup().location

// B1 is the smallest tier that is dedicated and supports Always On: the rollout dispatcher sends
// deliveries in the background and must not be put to sleep between HTTP requests, which F1/D1 do
// (they also lack Always On and cap CPU minutes). One B1 instance is enough for a 10,000-person round
// because Teams' rate limits, not CPU, bound the send rate. Choose S1/P0v3 or above for slots/scale-out.
@description('App Service plan SKU (Linux). B1 or higher keeps the app always on.')
@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3', 'P3v3', 'F1'])
param webAppSku string = 'B1'

@maxLength(42)
@description('Name the bot shows in Teams.')
param botDisplayName string

@description('Azure Bot pricing tier: F0 (free, enough for Teams, a standard channel) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Client id of the Entra app for the tab\'s single sign-on (aadApp/create).')
param aadAppClientId string

@description('The Teams app id (teamsApp/create), for deep links to the personal tab.')
param teamsAppId string = ''

@description('Comma-separated tenant ids whose users may use the app; empty = the bot\'s own tenant.')
param allowedTenants string = ''

// The storage account answers only the app: the Web App reaches it through a subnet of its own
// (VNet integration, which needs B1 or higher) with a service endpoint, and the account refuses every
// other network. Set false for F1, or to reach the tables from your own machine while debugging.
@description('Storage reachable only from the app (VNet integration + service endpoint). Needs B1 or higher.')
param restrictStorageToApp bool = true

@description('Days the Log Analytics workspace keeps the app\'s and the storage account\'s diagnostic logs.')
@minValue(30)
param logRetentionDays int = 30

var storageAccountName = take('mus${uniqueString(resourceGroup().id, resourceBaseName)}', 24)
// Storage Table Data Contributor: read/write table entities, nothing else (no keys, no management).
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Free and shared plans cannot keep the app loaded.
var alwaysOn = !contains(['F1', 'D1'], webAppSku)

var vnetName = '${resourceBaseName}-vnet'
var appSubnetName = 'app'
var appSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, appSubnetName)

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = if (restrictStorageToApp) {
  name: vnetName
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.20.0.0/24']
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: '10.20.0.0/26'
          delegations: [
            {
              name: 'webapp'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
          ]
        }
      }
    ]
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    accessTier: 'Hot'
    networkAcls: restrictStorageToApp
      ? {
          defaultAction: 'Deny'
          bypass: 'None'
          virtualNetworkRules: [
            {
              id: appSubnetId
              action: 'Allow'
            }
          ]
        }
      : {
          defaultAction: 'Allow'
        }
  }
  dependsOn: [vnet]
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

// Who read, wrote or deleted table data, kept in Log Analytics.
resource storageDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

// The Table endpoint, without the trailing slash primaryEndpoints.table carries.
var storageAccountUrl = 'https://${storage.name}.table.${environment().suffixes.storage}'

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: restrictStorageToApp ? appSubnetId : null
    vnetRouteAllEnabled: restrictStorageToApp
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // The bundled server (npm run build); package.json's "start" is the dev server (tsx).
      appCommandLine: 'node --enable-source-maps --optimize-for-size dist/index.js'
      alwaysOn: alwaysOn
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'STORAGE_ACCOUNT_URL'
          value: storageAccountUrl
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          name: 'AAD_APP_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          name: 'ALLOWED_TENANTS'
          value: allowedTenants
        }
      ]
    }
  }
  dependsOn: [vnet]
}

// FTP is off (ftpsState) and its basic-auth credentials are refused too.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

// No basic-auth publishing to the SCM (Kudu) site either: deployment signs in with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// The app's requests, console output and platform events, kept in Log Analytics.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceAppLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Named like the env keys they fill (teamsapp.yml, appPackage/manifest.json).
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_CLIENT_ID string = identity.properties.clientId
output STORAGE_ACCOUNT_URL string = storageAccountUrl
