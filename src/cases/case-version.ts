import { ApiHeader } from '@nestjs/swagger';
import { DomainError } from 'src/common/errors/domain-error';
import { CaseErrors } from 'src/common/errors/error-codes';

/** The case's entity tag: its id and version, so that a tag read from one case never matches another. */
export function caseETag(caseRecord: { id: string; version: number }): string {
  return `"${caseRecord.id}:${caseRecord.version}"`;
}

/**
 * Whether an If-Match header lets a write of this case go ahead: no header, `*`, or one of
 * its entity tags is the case's current one (a weak `W/` prefix is read like the tag itself,
 * since the tag names a version of the stored case, not bytes of an answer).
 */
export function ifMatchAllows(header: string | undefined, caseRecord: { id: string; version: number }): boolean {
  if (header === undefined || header.trim() === '*') return true;
  const current = caseETag(caseRecord);
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === current);
}

/** Refuses a write whose If-Match names another version than the stored one. */
export function assertIfMatch(header: string | undefined, caseRecord: { id: string; version: number }): void {
  if (!ifMatchAllows(header, caseRecord))
    throw new DomainError(
      CaseErrors.CHANGED,
      'The case was changed since you read it; nothing was written. Read it again and make your change on that.',
      { version: caseRecord.version },
    );
}

/** The If-Match header of a write of a case or of one of its records, in the OpenAPI description. */
export function ApiIfMatch(): MethodDecorator {
  return ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The `ETag` of the case as read (`"<id>:<version>"`, GET /cases/{id}): the write goes ahead only if the case is still at that version, ' +
      'else 409 CASE.CHANGED and nothing is written. Without it (or `*`) the write applies to the case as it is; the web application always sends it.',
  });
}
