import { Type, type TSchema } from '@sinclair/typebox';
import { PRIORITIES } from '../domain/agreement.js';
import { LANGUAGES } from '../domain/locale.js';
import { TENANT_STATUSES } from '../domain/tenant.js';
import { TOKEN_ACCESS_REASONS } from '../domain/token-access.js';
import { FIELD_ERROR_CODES, PROBLEM_REASONS } from '../domain/errors.js';
import { PERMISSIONS } from '../domain/roles.js';

/** Shared request and response schemas; they generate the OpenAPI document. */
/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) => Type.Union([schema, Type.Null()], options);
/** A ticket's priority, P1 the most urgent (the agreements' four). */
export const prioritySchema = (options: { description?: string } = {}) => Type.Union(PRIORITIES.map((p) => Type.Literal(p)), options);
export const DateText = Type.String({ format: 'date', description: 'Local date YYYY-MM-DD', examples: ['2026-01-01'] });
export const Instant = Type.String({ format: 'date-time', description: 'ISO-8601 instant in UTC' });
export const Id = Type.String({ description: 'Opaque identifier' });
export const Email = Type.String({ format: 'email', maxLength: 254 });
/** The reader's language of a document (PDF); Latvian when not given. */
export const LanguageQuery = { lang: Type.Optional(Type.Union(LANGUAGES.map((l) => Type.Literal(l)), { description: 'The language of the document: lv or en; without it, the signed-in person’s chosen language, else lv' })) };

const ErrorParams = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
  description: 'values the sentence of a code needs, e.g. {"max": 100} or {"month": "2026-12"}',
});

/** One problem with one field: a stable code with its params, and an English message for scripts. */
export const FieldErrorSchema = Type.Object({
  field: Type.String({ description: 'path of the field: address.city, results[2].at' }),
  code: Type.Union(
    FIELD_ERROR_CODES.map((c) => Type.Literal(c)),
    { description: 'stable code of the broken rule; see docs/api.md for the list' },
  ),
  params: ErrorParams,
  message: Type.String({ description: 'the same in English, for scripts and logs' }),
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    code: Type.String({ description: 'stable machine-readable code of the problem, the last segment of type (validation, not_found, invalid_state…)' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    reason: Type.Optional(
      Type.Union(
        PROBLEM_REASONS.map((r) => Type.Literal(r)),
        { description: 'what exactly is in the way (on conflicts, invalid states and throttling); with params, lets a client word detail itself' },
      ),
    ),
    params: Type.Optional(ErrorParams),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const RoleSchema = Type.Union(
  [Type.Literal('operator'), Type.Literal('desk_agent'), Type.Literal('finance'), Type.Literal('auditor'), Type.Literal('tenant_admin'), Type.Literal('tenant_user')],
  { description: 'operator, desk_agent, finance, auditor (agency); tenant_admin, tenant_user (municipality)' },
);
export const TenantStatusSchema = Type.Union([Type.Literal('onboarding'), Type.Literal('active'), Type.Literal('suspended'), Type.Literal('offboarded')]);

export const Address = Type.Object(
  {
    street: Type.String({ minLength: 1, maxLength: 200 }),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    postalCode: Type.String({ minLength: 1, maxLength: 20, examples: ['LV-1050'] }),
    country: Type.String({ minLength: 2, maxLength: 2, description: 'ISO 3166-1 alpha-2, e.g. LV' }),
  },
  { additionalProperties: false },
);
export const PeppolEndpoint = Type.Object(
  { scheme: Type.String({ enum: ['0218', '9939'] }), id: Type.String({ minLength: 1, maxLength: 50 }) },
  { additionalProperties: false, description: 'Peppol participant id; defaults to scheme 0218 and the registration number' },
);

export const Tenant = Type.Object(
  {
    id: Id,
    name: Type.String(),
    registrationNumber: Type.String(),
    vatNumber: Nullable(Type.String()),
    address: Nullable(Address),
    email: Nullable(Type.String()),
    peppolEndpoint: PeppolEndpoint,
    status: TenantStatusSchema,
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Tenant' },
);

const tenantFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  registrationNumber: Type.String({ description: '11 digits of a Latvian legal person, with a valid check digit', examples: ['90000031828'] }),
  vatNumber: Type.Optional(Nullable(Type.String({ description: 'LV followed by the registration number' }))),
  address: Type.Optional(Nullable(Address)),
  email: Type.Optional(Nullable(Type.Union([Email, Type.Literal('')]))),
  peppolEndpoint: Type.Optional(PeppolEndpoint),
};
export const TenantCreate = Type.Object({ ...tenantFields, status: Type.Optional(TenantStatusSchema) }, { additionalProperties: false });
export const TenantPatch = Type.Partial(Type.Object({ ...tenantFields, status: TenantStatusSchema }), { additionalProperties: false, minProperties: 1 });

const DeskTarget = Type.Object(
  { reactionMinutes: Type.Integer({ minimum: 1 }), resolutionMinutes: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const DeskTargets = Type.Object(
  { P1: DeskTarget, P2: DeskTarget, P3: DeskTarget, P4: DeskTarget },
  { additionalProperties: false, description: 'Business minutes per priority' },
);

export const Agreement = Type.Object(
  {
    id: Id,
    tenantId: Id,
    version: Type.Integer(),
    number: Type.String(),
    signedOn: DateText,
    effectiveFrom: DateText,
    effectiveTo: Nullable(DateText),
    availabilityTargetPercent: Type.Number(),
    calendarId: Type.String(),
    maintenanceNoticeHours: Type.Integer(),
    deskTargets: DeskTargets,
    buyerReference: Nullable(Type.String()),
    vatExempt: Type.Boolean(),
    changeNote: Nullable(Type.String()),
    createdAt: Instant,
    createdBy: Nullable(Type.String()),
  },
  { $id: 'Agreement' },
);
export const AgreementWithHistory = Type.Intersect([Type.Ref('Agreement'), Type.Object({ versions: Type.Array(Type.Ref('Agreement')) })]);

const agreementFields = {
  number: Type.String({ minLength: 1, maxLength: 100 }),
  signedOn: DateText,
  effectiveFrom: DateText,
  effectiveTo: Type.Optional(Nullable(Type.String({ format: 'date', description: 'Last day in force (inclusive)' }))),
  availabilityTargetPercent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'default 97' })),
  calendarId: Type.Optional(Type.String({ minLength: 1, description: "default 'lv'" })),
  maintenanceNoticeHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 720, description: 'default 48' })),
  deskTargets: Type.Optional(DeskTargets),
  buyerReference: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  vatExempt: Type.Optional(Type.Boolean({ description: 'default false' })),
};
export const AgreementCreate = Type.Object(agreementFields, { additionalProperties: false });
export const AgreementPatch = Type.Partial(
  Type.Object({ ...agreementFields, changeNote: Nullable(Type.String({ maxLength: 500 })) }),
  { additionalProperties: false, minProperties: 1 },
);

export const User = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    tenantId: Nullable(Id),
    active: Type.Boolean(),
    locale: Type.String({ enum: ['lv', 'en'] }),
    createdAt: Instant,
    updatedAt: Instant,
    lastLoginAt: Nullable(Instant),
  },
  { $id: 'User' },
);
export const UserCreated = Type.Intersect([Type.Ref('User'), Type.Object({ temporaryPassword: Type.Optional(Type.String({ description: 'Shown once when no password was given' })) })]);
export const UserCreate = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    password: Type.Optional(Type.String({ maxLength: 256 })),
    locale: Type.Optional(Type.Union([Type.Literal('lv'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export const UserPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    locale: Type.Optional(Type.Union([Type.Literal('lv'), Type.Literal('en')])),
    password: Type.Optional(Type.String({ maxLength: 256, description: 'Administrator password reset' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ApiToken = Type.Object(
  {
    id: Id,
    name: Type.String(),
    role: RoleSchema,
    tenantId: Nullable(Id),
    prefix: Type.String(),
    createdAt: Instant,
    createdBy: Nullable(Type.String({ description: 'Who made it, as they were called then: an e-mail, `token:<name>` or a system label' })),
    createdByUserId: Nullable(Id),
    creator: Nullable(Type.Object({ id: Id, name: Type.String(), email: Type.String() }, { description: 'The person behind the token; null when none (bootstrap, CLI)' })),
    tenantName: Nullable(Type.String()),
    expiresAt: Nullable(Instant),
    revokedAt: Nullable(Instant),
    lastUsedAt: Nullable(Instant),
    access: Type.Union([Type.Literal('full'), Type.Literal('read_only'), Type.Literal('none')], { description: 'What the token can do now' }),
    accessReason: Nullable(Type.Union(TOKEN_ACCESS_REASONS.map((r) => Type.Literal(r)), { description: 'Why it cannot do everything its role allows' })),
  },
  { $id: 'ApiToken' },
);
export const TokenCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    tenantId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    expiresAt: Type.Optional(Nullable(Instant)),
  },
  { additionalProperties: false },
);

export const AuditEvent = Type.Object(
  {
    seq: Type.String(),
    id: Id,
    at: Instant,
    actorKind: Type.String(),
    actorId: Nullable(Type.String()),
    actorLabel: Type.String(),
    actorName: Type.Optional(Nullable(Type.String({ description: "the acting person's name, when the caller may see that person" }))),
    tenantId: Nullable(Id),
    action: Type.String(),
    entityType: Type.String(),
    entityId: Nullable(Type.String()),
    before: Type.Unknown(),
    after: Type.Unknown(),
    requestId: Nullable(Type.String()),
    clientAddress: Nullable(Type.String()),
    prevHash: Type.String(),
    hash: Type.String(),
  },
  { $id: 'AuditEvent' },
);

export const SessionInfo = Type.Object(
  {
    user: Type.Intersect([
      Type.Ref('User'),
      Type.Object({
        tenantName: Nullable(Type.String()),
        tenantStatus: Nullable(Type.Union(TENANT_STATUSES.map((status) => Type.Literal(status)), { description: 'suspended: read only; null for agency staff' })),
      }),
    ]),
    csrfToken: Type.String({ description: 'Send as X-CSRF-Token with cookie-authenticated writes' }),
    permissions: Type.Array(Type.String({ enum: Object.keys(PERMISSIONS) }), { description: 'What this person’s role may do (the table the server enforces); the UI offers only these' }),
    readOnly: Type.Boolean({ description: 'The municipality is suspended: every write is refused (tenant_suspended), whatever the permissions' }),
  },
  { $id: 'SessionInfo' },
);

export const Calendar = Type.Object({ id: Type.String(), name: Type.String(), timeZone: Type.String() }, { $id: 'Calendar' });

export const SHARED_SCHEMAS = [Problem, Tenant, Agreement, User, ApiToken, AuditEvent, SessionInfo, Calendar];

/** Error responses every authenticated route can give. */
export const ERRORS = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  // The database is unreachable (restarting, failing over): try again after Retry-After.
  503: Type.Ref('Problem'),
};
