#!/usr/bin/env bash
# Creates the WorkplaceResilience app registration from app-registration.json in the publisher's (home) tenant,
# trusts the service's managed identity as its federated credential (no client secret, nothing to rotate) and
# prints the admin-consent URL for customer tenants. Run it once per environment, signed in with `az login` as
# someone allowed to create applications. Idempotent: an existing registration with the same display name is updated.
#
#   bash infra/entra/register.sh --host wresilience-prod.azurewebsites.net \
#        --identity-principal-id <managedIdentityPrincipalId output of infra/main.bicep> [--name WorkplaceResilience] \
#        [--consent-tenant <customer tenant id or domain>]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GRAPH=https://graph.microsoft.com/v1.0
HOST="" IDENTITY="" NAME="WorkplaceResilience" CONSENT_TENANT="organizations"
while [ $# -gt 0 ]; do
  case "$1" in
    --host) HOST="$2"; shift 2 ;;
    --identity-principal-id) IDENTITY="$2"; shift 2 ;;
    --name) NAME="$2"; shift 2 ;;
    --consent-tenant) CONSENT_TENANT="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$HOST" ] && [ -n "$IDENTITY" ] || { sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 2; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 2; }

HOME_TENANT="$(az account show --query tenantId -o tsv)"
body="$(jq --arg name "$NAME" --arg host "$HOST" '
  .displayName = $name
  | del(.identifierUris)
  | .info.privacyStatementUrl |= gsub("\\{\\{HOST_NAME\\}\\}"; $host)
  | .info.termsOfServiceUrl |= gsub("\\{\\{HOST_NAME\\}\\}"; $host)
  | .web.redirectUris |= map(gsub("\\{\\{HOST_NAME\\}\\}"; $host))' "$HERE/app-registration.json")"

existing="$(az rest --method get --url "$GRAPH/applications?\$filter=displayName eq '$NAME'&\$select=id,appId" --query 'value[0]' -o json)"
if [ "$existing" = "null" ] || [ -z "$existing" ]; then
  created="$(az rest --method post --url "$GRAPH/applications" --headers Content-Type=application/json --body "$body" -o json)"
  OBJECT_ID="$(jq -r .id <<<"$created")"; CLIENT_ID="$(jq -r .appId <<<"$created")"
  echo "created the app registration $CLIENT_ID"
else
  OBJECT_ID="$(jq -r .id <<<"$existing")"; CLIENT_ID="$(jq -r .appId <<<"$existing")"
  az rest --method patch --url "$GRAPH/applications/$OBJECT_ID" --headers Content-Type=application/json --body "$body"
  echo "updated the app registration $CLIENT_ID"
fi

# The identifier URI names the client id, known only now.
az rest --method patch --url "$GRAPH/applications/$OBJECT_ID" --headers Content-Type=application/json \
  --body "$(jq -n --arg uri "api://$HOST/$CLIENT_ID" '{identifierUris: [$uri]}')"

# The app's service principal in the home tenant (customer tenants get theirs through admin consent).
az rest --method get --url "$GRAPH/servicePrincipals(appId='$CLIENT_ID')" -o none 2>/dev/null \
  || az rest --method post --url "$GRAPH/servicePrincipals" --headers Content-Type=application/json \
       --body "$(jq -n --arg appId "$CLIENT_ID" '{appId: $appId}')" -o none

# The managed identity as a federated credential: its token is the app's client assertion in every tenant.
credentials="$(az rest --method get --url "$GRAPH/applications/$OBJECT_ID/federatedIdentityCredentials" --query "value[?subject=='$IDENTITY'] | length(@)" -o tsv)"
if [ "$credentials" = "0" ]; then
  az rest --method post --url "$GRAPH/applications/$OBJECT_ID/federatedIdentityCredentials" --headers Content-Type=application/json \
    --body "$(jq -n --arg issuer "https://login.microsoftonline.com/$HOME_TENANT/v2.0" --arg subject "$IDENTITY" \
      '{name: "app-service-managed-identity", issuer: $issuer, subject: $subject, audiences: ["api://AzureADTokenExchange"],
        description: "The WorkplaceResilience App Service managed identity"}')" -o none
  echo "added the managed identity $IDENTITY as a federated credential"
fi

redirect="$(jq -rn --arg u "https://$HOST/api/onboarding/consent-callback" '$u|@uri')"
scope="$(jq -rn --arg s "https://graph.microsoft.com/.default" '$s|@uri')"
echo
echo "client id (entraClientId, ENTRA_CLIENT_ID): $CLIENT_ID"
echo "identifier URI (webApplicationInfo.resource): api://$HOST/$CLIENT_ID"
echo "admin consent for a customer tenant (replace $CONSENT_TENANT with its tenant id or domain):"
echo "https://login.microsoftonline.com/$CONSENT_TENANT/v2.0/adminconsent?client_id=$CLIENT_ID&scope=$scope&redirect_uri=$redirect"
