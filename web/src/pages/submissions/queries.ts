import { queryOptions } from '@tanstack/react-query';
import { api, call, Schemas } from '../../api/client';

export type Submission = Schemas['SubmissionResponse'];
export type SubmissionDetail = Schemas['SubmissionDetailResponse'];
export type Completeness = Schemas['CompletenessResponse'];
export type Warning = Schemas['PlausibilityWarningResponse'];

export const SUBMISSIONS_KEY = ['submissions'] as const;

/** Units × months with their states and reporting rates (a focal person: their unit only). */
export function completenessQuery(from: string, to: string) {
  return queryOptions({
    queryKey: [...SUBMISSIONS_KEY, 'completeness', from, to],
    queryFn: () => call(api.GET('/api/v1/submissions/completeness', { params: { query: { from, to } } })),
  });
}

/** The submissions of the period (a focal person: their unit's), for their ids and review comments. */
export function submissionsQuery(from: string, to: string) {
  return queryOptions({
    queryKey: [...SUBMISSIONS_KEY, 'list', from, to],
    queryFn: () => call(api.GET('/api/v1/submissions', { params: { query: { from, to } } })),
  });
}

export function submissionQuery(id: string) {
  return queryOptions({
    queryKey: [...SUBMISSIONS_KEY, 'one', id],
    queryFn: () => call(api.GET('/api/v1/submissions/{id}', { params: { path: { id } } })),
  });
}

export function submitMonth(body: { month: string; nilReturn?: boolean; note?: string }): Promise<Submission> {
  return call(api.POST('/api/v1/submissions', { body }));
}

export type ReviewAction = 'approve' | 'return' | 'reopen';

/** Approves or returns a submitted month, or re-opens an approved one. */
export function review(id: string, action: ReviewAction, text: string): Promise<Submission> {
  const path = { path: { id } };
  if (action === 'approve')
    return call(api.POST('/api/v1/submissions/{id}/approve', { params: path, body: text ? { comment: text } : {} }));
  if (action === 'return')
    return call(api.POST('/api/v1/submissions/{id}/return', { params: path, body: { comment: text } }));
  return call(api.POST('/api/v1/submissions/{id}/reopen', { params: path, body: { reason: text } }));
}
