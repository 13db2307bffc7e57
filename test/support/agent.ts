import request from 'supertest';
import { Role } from 'src/users/user.entity';
import { TestApp } from 'test/support/test-app';

/** What `upload` sends beside the file: the query (`?dryRun=true`), the file name and a CSV's sheet. */
export interface UploadOptions {
  readonly query?: string;
  readonly name?: string;
  readonly sheet?: string;
}

/** A signed-in user: who it is, and requests that carry its bearer token. */
export interface Agent {
  readonly id: string;
  readonly email: string;
  readonly token: string;
  get(url: string): request.Test;
  post(url: string, body?: unknown): request.Test;
  patch(url: string, body?: unknown): request.Test;
  put(url: string, body?: unknown): request.Test;
  delete(url: string): request.Test;
  /** POST /api/v1/imports with the file in the multipart field `file`. */
  upload(file: Buffer, options?: UploadOptions): request.Test;
}

/** The Authorization header of a bearer token (for tokens that belong to no agent: forged, revoked, another app's). */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Requests as the user with this token, on this app (or on `http`, another app of the same test). */
export function agentOf(http: TestApp['http'], user: { id: string; email: string; token: string }): Agent {
  const auth = bearer(user.token);
  const withBody = (req: request.Test, body: unknown) =>
    body === undefined ? req.set(auth) : req.set(auth).send(body as object);
  return {
    ...user,
    get: (url) => http.get(url).set(auth),
    post: (url, body) => withBody(http.post(url), body),
    patch: (url, body) => withBody(http.patch(url), body),
    put: (url, body) => withBody(http.put(url), body),
    delete: (url) => http.delete(url).set(auth),
    upload: (file, { query = '', name = 'upload.xlsx', sheet } = {}) => {
      const req = http.post(`/api/v1/imports${query}`).set(auth);
      return (sheet === undefined ? req : req.field('sheet', sheet)).attach('file', file, name);
    },
  };
}

/**
 * A new user of this role (and jurisdiction, for a focal person), signed in:
 * `const punjab = await signIn(t, 'focal_person', 'PK-PB'); await punjab.get('/api/v1/cases')`.
 */
export async function signIn(t: TestApp, role: Role, jurisdiction?: string): Promise<Agent> {
  return agentOf(t.http, await t.userWithToken(role, jurisdiction));
}
