import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import openapi from './openapi.json';
import typesSource from './types.ts?raw';

/**
 * The client's hand-written types (types.ts) against the service's own OpenAPI description (openapi.json, a copy the
 * API's tests keep equal to /openapi/v1.json). A field the client reads must be one the service sends; a field the
 * client treats as always there must be one the service always sends, never null. So the two cannot drift apart.
 */

/** Client type → the schema the service describes it with. */
const SCHEMA_OF: Record<string, string> = {
  DemoPerson: 'DemoPerson',
  SignInResponse: 'SignInResponse',
  SupportResource: 'SupportLink',
  SupportLink: 'SupportLink',
  Me: 'MeResponse',
  TimeBlock: 'BlockDto',
  Offer: 'OfferDto',
  WorkingHours: 'WorkingHoursDto',
  Today: 'TodayResponse',
  PracticeStep: 'PracticeStep',
  PracticeVersion: 'PracticeVersion',
  Practice: 'Practice',
  CheckIn: 'CheckInDto',
  CompleteRequest: 'CompleteRequest',
  PracticeSessionRequest: 'PracticeSessionRequest',
  WeekDay: 'WeekDayDto',
  CheckInAverages: 'CheckInAveragesDto',
  Week: 'WeekResponse',
  RoomToBreathe: 'RoomToBreatheDto',
  PracticeSummary: 'PracticeSummary',
  FamilySummary: 'FamilySummary',
  HelpSummary: 'HelpSummary',
  History: 'HistoryResponse',
  ReportCell: 'CellDto',
  ReportGroup: 'GroupDto',
  ReportWeek: 'WeekDto',
  Summary: 'ReportDto',
  TenantSettings: 'TenantSettingsDto',
  SyncState: 'SyncState',
  JobFailure: 'JobFailure',
  RecurringJobHealth: 'RecurringJobHealth',
  QueueHealth: 'QueueHealth',
  JobHealth: 'JobHealth',
  MySettings: 'MySettingsDto',
  OrganisationLimits: 'OrganisationLimits',
  MySettingsResponse: 'MySettingsResponse',
};

/** Types the client sends (PUT/POST bodies): everything the service requires must be there. Others are only read. */
const SENT = new Set(['CompleteRequest', 'PracticeSessionRequest', 'CheckIn', 'TenantSettings', 'SupportLink', 'MySettings']);
/** Types the client only sends, never reads back. */
const ONLY_SENT = new Set(['CompleteRequest', 'PracticeSessionRequest']);

/** Client types with no schema of their own, and why. */
const CLIENT_ONLY: Record<string, string> = {
  Figure: 'inside a released cell, stored as JSON the API passes through unchanged (RawJson)',
  CellFigures: 'a released cell’s figures, stored as JSON the API passes through unchanged (RawJson)',
  KillSwitchState: 'the kill switch answers the tenant settings’ paused flag under its own name',
  ProblemDetails: 'RFC 7807, produced by ASP.NET Core for every error',
  ValidationProblemDetails: 'RFC 7807 with field errors, produced by ASP.NET Core',
};

interface Property {
  name: string;
  optional: boolean;
  nullable: boolean;
}

interface Schema {
  type?: string | string[];
  properties?: Record<string, SchemaProperty>;
  required?: string[];
}
type SchemaProperty = { type?: string | string[]; oneOf?: { type?: string }[]; $ref?: string };

function clientTypes(): Map<string, Property[]> {
  const source = ts.createSourceFile('types.ts', typesSource, ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const propertiesOf = (node: ts.InterfaceDeclaration): Property[] => {
    const inherited = (node.heritageClauses ?? [])
      .flatMap((h) => h.types)
      .flatMap((t) => (interfaces.has(t.expression.getText(source)) ? propertiesOf(interfaces.get(t.expression.getText(source))!) : []));
    const own = node.members.filter(ts.isPropertySignature).map((m) => ({
      name: m.name.getText(source),
      optional: m.questionToken !== undefined,
      nullable:
        m.type !== undefined &&
        ts.isUnionTypeNode(m.type) &&
        m.type.types.some((t) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
    }));
    return [...inherited, ...own];
  };
  return new Map([...interfaces].map(([name, node]) => [name, propertiesOf(node)]));
}

function schemas(): Record<string, Schema> {
  return (openapi as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
}

function mayBeNull(property: SchemaProperty): boolean {
  const types = Array.isArray(property.type) ? property.type : [property.type];
  return types.includes('null') || (property.oneOf ?? []).some((o) => o.type === 'null');
}

describe('the client’s types match the service’s OpenAPI description', () => {
  const client = clientTypes();
  const described = schemas();

  it('every client type is mapped to a schema the service describes, or says why it has none', () => {
    for (const name of client.keys()) expect(SCHEMA_OF[name] ?? CLIENT_ONLY[name], `${name} has no mapping`).toBeDefined();
    for (const schema of Object.values(SCHEMA_OF)) expect(described[schema], `no schema ${schema}`).toBeDefined();
  });

  for (const [type, schemaName] of Object.entries(SCHEMA_OF)) {
    it(`${type} (${schemaName})`, () => {
      const schema = described[schemaName]!;
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const problems: string[] = [];
      const declared = client.get(type) ?? [];
      for (const p of declared) {
        const sent = properties[p.name];
        if (!sent) {
          problems.push(`${p.name}: the client has it, the service does not know it`);
          continue;
        }
        if (ONLY_SENT.has(type)) continue;
        if (!p.optional && !required.has(p.name) && !('default' in sent))
          problems.push(`${p.name}: the client expects it always, the service may leave it out`);
        if (!p.nullable && !p.optional && mayBeNull(sent)) problems.push(`${p.name}: the service may send null, the client does not expect it`);
      }
      if (SENT.has(type))
        for (const name of required)
          if (!declared.some((p) => p.name === name && !p.optional))
            problems.push(`${name}: the service requires it, the client may not send it`);
      expect(problems).toEqual([]);
    });
  }
});
