import { createHmac } from 'node:crypto';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { passwordProblem } from 'src/auth/password-policy';

const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** The environment variables the service reads, validated once at boot. */
class Environment {
  @IsIn(NODE_ENVS) NODE_ENV: NodeEnv = 'development';
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsString() DATA_DIR = './data';
  @Type(() => Number) @IsInt() @Min(1024) @Max(65535) EMBEDDED_PG_PORT = 54320;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @Type(() => Number) @IsInt() @Min(60) @Max(86400) JWT_EXPIRES_IN_SECONDS = 3600;
  @IsOptional() @IsString() @MinLength(32) CNIC_HMAC_SECRET?: string;
  @IsOptional() @IsEmail() ADMIN_EMAIL?: string;
  @IsOptional() @IsString() @MinLength(12) ADMIN_PASSWORD?: string;
  @IsString() LEGAL_BASIS =
    'Prevention of Trafficking in Persons Act 2018 and Rule 42 of the Prevention of Trafficking in Persons Rules 2023';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @Type(() => Number) @IsInt() @Min(1024) UPLOAD_MAX_BYTES = 25 * 1024 * 1024;
  @Type(() => Number) @IsInt() @Min(1) @Max(100) SUPPRESSION_THRESHOLD = 5;
  @IsString() MONTHLY_EXPORT_CRON = '0 2 1 * *';
  @Type(() => Number) @IsInt() @Min(1) EXPORT_GENERATIONS_PER_HOUR = 10;
  @Type(() => Number) @Min(1) @Max(1000) INTERNATIONAL_CHANGE_FACTOR = 3;
  @Type(() => Number) @IsInt() @Min(1) LOGIN_IP_LIMIT_PER_MINUTE = 60;
  @Type(() => Number) @IsInt() @Min(1) @Max(100) LOGIN_FAILURES_BEFORE_DELAY = 5;
  @Type(() => Number) @IsInt() @Min(1) @Max(86400) LOGIN_DELAY_MAX_SECONDS = 900;
  @Transform(({ value }) => value === 'true' || value === true) SCHEDULER_ENABLED = true;
  @IsOptional() @IsString() UPLOAD_ENCRYPTION_KEY?: string;
  @IsOptional() @IsString() UPLOAD_ENCRYPTION_PREVIOUS_KEYS?: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(366) UPLOAD_RETENTION_DAYS = 7;
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) BACKUP_KEEP = 14;
  @IsOptional() @IsString() PG_BIN_DIR?: string;
  @IsOptional() @IsIn(['true', 'false']) API_DOCS_ENABLED?: 'true' | 'false';
  @IsOptional() @IsIn(['true', 'false']) DEMO?: 'true' | 'false';
  @Type(() => Number) @IsInt() @Min(1) @Max(50000) DEMO_CASES = 3000;
  @Type(() => Number) @IsInt() @Min(1) @Max(28) SUBMISSION_DEADLINE_DAY = 10;
  @Type(() => Number) @Min(1) @Max(100) SUBMISSION_OUTLIER_FACTOR = 3;
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) SUBMISSION_SILENT_MEDIAN = 5;
  @Type(() => Number) @Min(0) @Max(1) SUBMISSION_UNKNOWN_SHARE = 0.5;
  @Type(() => Number) @IsInt() @Min(1) @Max(50) SUBMISSION_PROSECUTION_YEARS = 5;
  @IsString() REMINDER_CRON = '0 9 * * *';
  @Type(() => Number) @IsInt() @Min(1) @Max(27) REMINDER_DAYS_BEFORE = 3;
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;
  @IsString() SMTP_FROM = 'TIP database <no-reply@localhost>';
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+\S*$/, { message: 'APP_URL must be an http:// or https:// URL' })
  APP_URL?: string;
  @IsOptional() @IsString() @MinLength(32) HTCDS_PSEUDONYM_KEY?: string;
  @Type(() => Number) @IsInt() @Min(2) @Max(100) HTCDS_K = 5;
}

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  /** Unset means: start the embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly auth: {
    readonly jwtSecret: string;
    readonly jwtExpiresInSeconds: number;
    readonly loginIpLimitPerMinute: number;
    /** Failed logins of one e-mail from one client address before that pair must wait. */
    readonly loginFailuresBeforeDelay: number;
    /** The first wait; each further failure doubles it, up to `loginDelayMaxSeconds`. */
    readonly loginFirstDelaySeconds: number;
    readonly loginDelayMaxSeconds: number;
  };
  readonly cnicHmacSecret: string;
  readonly initialAdmin?: { readonly email: string; readonly password: string };
  readonly legalBasis: string;
  readonly logLevel: string;
  readonly uploadMaxBytes: number;
  readonly suppressionThreshold: number;
  readonly monthlyExportCron: string;
  /** Monthly workbooks one user may generate in an hour (the scheduler is not counted). */
  readonly exportGenerationsPerHour: number;
  /** An international figure that grows or shrinks from one year to the next by more than this factor is flagged. */
  readonly internationalChangeFactor: number;
  readonly schedulerEnabled: boolean;
  /** AES-256 keys of stored uploads: `current` seals, `previous` (after a rotation) only opens. */
  readonly uploadKeys: { readonly current: Buffer; readonly previous: readonly Buffer[] };
  /** Days a rejected upload's file is kept for its error report. */
  readonly uploadRetentionDays: number;
  /** `npm run backup` and `npm run restore`. */
  readonly backup: {
    /** Backups kept in DATA_DIR/backups; older ones are deleted after each new one. */
    readonly keep: number;
    /** The folder of pg_dump and pg_restore; unset, those of the server's major version are looked for. */
    readonly pgBinDir?: string;
  };
  /** Serve the OpenAPI description at /api/docs (by default everywhere but in production). */
  readonly apiDocsEnabled: boolean;
  /**
   * Demonstration mode (`npm run demo`): an empty database is filled with `cases` synthetic
   * cases and demo accounts at start, and every export is marked as demonstration data.
   */
  readonly demo: { readonly enabled: boolean; readonly cases: number };
  /** The monthly cycle: the deadline and the thresholds of the plausibility checks. */
  readonly submissions: {
    /** A month is due by this day of the next month (Pakistan time); later is late. */
    readonly deadlineDay: number;
    /** Registered cases beyond this many times the unit's trailing-12-month median are flagged. */
    readonly outlierFactor: number;
    /** A month with no cases is flagged when the trailing median is at least this. */
    readonly silentMedian: number;
    /** Victims with no age (or no nationality) beyond this share are flagged. */
    readonly unknownShare: number;
    /** A prosecution this many years or more after its FIR is flagged. */
    readonly prosecutionYears: number;
  };
  /** Reminders of a month not yet submitted, in the application and (with SMTP) by e-mail. */
  readonly reminders: {
    /** When the daily run starts (Asia/Karachi); it runs only with the scheduler. */
    readonly cron: string;
    /** Reminders begin this many days before a month's deadline. */
    readonly daysBefore: number;
  };
  /** Outgoing mail; without `url` no e-mail is sent (the notices in the application remain). */
  readonly smtp: { readonly url?: string; readonly from: string };
  /** Where users reach the application (e-mails link to it); unset, e-mails name the TIP database instead. */
  readonly appUrl?: string;
  /** The de-identified HTCDS export of victims. */
  readonly htcds: {
    /** HMAC-SHA256 key of the pseudonymous victim ids (the same key gives the same ids in every export). */
    readonly pseudonymKey: Buffer;
    /** Every combination of the quasi-identifiers published is shared by at least this many rows. */
    readonly k: number;
  };
}

export class ConfigError extends Error {}

/** The secrets a development machine generates for itself (see local-secrets.ts). */
export interface DevSecrets {
  readonly jwtSecret: string;
  readonly cnicHmacSecret: string;
  readonly uploadEncryptionKey: string;
}

/**
 * Builds the typed configuration from an environment. Secrets have no defaults in
 * production; elsewhere `devSecrets` supplies them (kept under DATA_DIR so that CNIC
 * hashes stay stable across restarts).
 */
export function loadConfig(env: Record<string, string | undefined>, devSecrets?: DevSecrets): AppConfig {
  const parsed = plainToInstance(Environment, stripEmpty(env), { exposeDefaultValues: true });
  const problems = validateSync(parsed, { whitelist: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => m),
  );
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);

  const production = parsed.NODE_ENV === 'production';
  const jwtSecret = parsed.JWT_SECRET ?? (production ? undefined : devSecrets?.jwtSecret);
  const cnicHmacSecret = parsed.CNIC_HMAC_SECRET ?? (production ? undefined : devSecrets?.cnicHmacSecret);
  if (!jwtSecret) throw new ConfigError('JWT_SECRET (at least 32 characters) is required');
  if (!cnicHmacSecret) throw new ConfigError('CNIC_HMAC_SECRET (at least 32 characters) is required');
  const uploadKey = parsed.UPLOAD_ENCRYPTION_KEY ?? (production ? undefined : devSecrets?.uploadEncryptionKey);
  if (!uploadKey) throw new ConfigError(`UPLOAD_ENCRYPTION_KEY (${KEY_FORMAT}) is required`);
  if (production && !parsed.HTCDS_PSEUDONYM_KEY)
    throw new ConfigError('HTCDS_PSEUDONYM_KEY (at least 32 characters) is required');
  if ((parsed.ADMIN_EMAIL === undefined) !== (parsed.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD are set together or not at all');
  }
  const weakAdminPassword =
    parsed.ADMIN_EMAIL &&
    parsed.ADMIN_PASSWORD &&
    passwordProblem(parsed.ADMIN_PASSWORD, { email: parsed.ADMIN_EMAIL });
  if (production && weakAdminPassword)
    throw new ConfigError(`ADMIN_PASSWORD is refused in production: ${weakAdminPassword.message}`);
  // the demo accounts' passwords are published in the README
  if (production && parsed.DEMO === 'true') throw new ConfigError('DEMO=true is refused in production');

  return {
    nodeEnv: parsed.NODE_ENV,
    port: parsed.PORT,
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.DATA_DIR,
    embeddedPgPort: parsed.EMBEDDED_PG_PORT,
    auth: {
      jwtSecret,
      jwtExpiresInSeconds: parsed.JWT_EXPIRES_IN_SECONDS,
      loginIpLimitPerMinute: parsed.LOGIN_IP_LIMIT_PER_MINUTE,
      loginFailuresBeforeDelay: parsed.LOGIN_FAILURES_BEFORE_DELAY,
      loginFirstDelaySeconds: Math.min(15, parsed.LOGIN_DELAY_MAX_SECONDS),
      loginDelayMaxSeconds: parsed.LOGIN_DELAY_MAX_SECONDS,
    },
    cnicHmacSecret,
    initialAdmin:
      parsed.ADMIN_EMAIL && parsed.ADMIN_PASSWORD
        ? { email: parsed.ADMIN_EMAIL.toLowerCase(), password: parsed.ADMIN_PASSWORD }
        : undefined,
    legalBasis: parsed.LEGAL_BASIS,
    logLevel: parsed.LOG_LEVEL,
    uploadMaxBytes: parsed.UPLOAD_MAX_BYTES,
    suppressionThreshold: parsed.SUPPRESSION_THRESHOLD,
    monthlyExportCron: parsed.MONTHLY_EXPORT_CRON,
    exportGenerationsPerHour: parsed.EXPORT_GENERATIONS_PER_HOUR,
    internationalChangeFactor: parsed.INTERNATIONAL_CHANGE_FACTOR,
    schedulerEnabled: parsed.SCHEDULER_ENABLED,
    uploadKeys: {
      current: aesKey('UPLOAD_ENCRYPTION_KEY', uploadKey),
      previous: (parsed.UPLOAD_ENCRYPTION_PREVIOUS_KEYS ?? '')
        .split(',')
        .filter((k) => k.trim())
        .map((k) => aesKey('UPLOAD_ENCRYPTION_PREVIOUS_KEYS', k.trim())),
    },
    uploadRetentionDays: parsed.UPLOAD_RETENTION_DAYS,
    backup: { keep: parsed.BACKUP_KEEP, pgBinDir: parsed.PG_BIN_DIR },
    apiDocsEnabled: parsed.API_DOCS_ENABLED === undefined ? !production : parsed.API_DOCS_ENABLED === 'true',
    demo: { enabled: parsed.DEMO === 'true', cases: parsed.DEMO_CASES },
    submissions: {
      deadlineDay: parsed.SUBMISSION_DEADLINE_DAY,
      outlierFactor: parsed.SUBMISSION_OUTLIER_FACTOR,
      silentMedian: parsed.SUBMISSION_SILENT_MEDIAN,
      unknownShare: parsed.SUBMISSION_UNKNOWN_SHARE,
      prosecutionYears: parsed.SUBMISSION_PROSECUTION_YEARS,
    },
    reminders: { cron: parsed.REMINDER_CRON, daysBefore: parsed.REMINDER_DAYS_BEFORE },
    smtp: { url: parsed.SMTP_URL, from: parsed.SMTP_FROM },
    appUrl: parsed.APP_URL?.replace(/\/+$/, ''),
    htcds: {
      pseudonymKey: parsed.HTCDS_PSEUDONYM_KEY
        ? Buffer.from(parsed.HTCDS_PSEUDONYM_KEY, 'utf8')
        : derivedPseudonymKey(cnicHmacSecret),
      k: parsed.HTCDS_K,
    },
  };
}

/**
 * Outside production, without HTCDS_PSEUDONYM_KEY, the pseudonym key is derived from the CNIC
 * hash secret (which must never change, so the ids stay stable across restarts) under a label
 * of its own: an HTCDS id cannot be compared with a CNIC hash, and no second file is kept.
 */
function derivedPseudonymKey(cnicHmacSecret: string): Buffer {
  return createHmac('sha256', cnicHmacSecret).update('HTCDS pseudonymous victim id key').digest();
}

const KEY_FORMAT = '32 bytes, written as 64 hex digits or in base64';

/** A 256-bit key written in hex or base64 (standard or URL-safe); the message never echoes it. */
function aesKey(name: string, text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text, 'base64')
      : null;
  if (key?.length !== 32) throw new ConfigError(`${name} must be ${KEY_FORMAT}`);
  return key;
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
