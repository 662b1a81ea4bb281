/**
 * The signed-in user of the pool page: tokens from the login mutation kept in localStorage (shared by every
 * pool page of this origin), renewed once with the refresh token when the API refuses the access token.
 */
const ACCESS_KEY = 'dorfmarkt.accessToken';
const REFRESH_KEY = 'dorfmarkt.refreshToken';

export interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

interface AuthPayload {
  accessToken: string | null;
  refreshToken: string | null;
  userErrors: UserError[];
}

const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken userErrors { field message code } }
}`;
const REFRESH = `mutation Refresh($input: RefreshTokenInput!) {
  refreshToken(input: $input) { accessToken refreshToken userErrors { field message code } }
}`;

export class Session {
  constructor(private readonly endpoint: string) {}

  get accessToken(): string | null {
    return localStorage.getItem(ACCESS_KEY);
  }

  /** Signs in; answers the message to show when it did not work. */
  async signIn(email: string, password: string): Promise<string | null> {
    const { data, errors } = await this.request<{ login: AuthPayload }>(LOGIN, {
      input: { email, password },
    });
    const payload = data?.login;
    if (!payload?.accessToken)
      return payload?.userErrors[0]?.message ?? errors?.[0]?.message ?? 'Sign-in failed.';
    this.store(payload);
    return null;
  }

  signOut(): void {
    localStorage.removeItem(ACCESS_KEY);
    localStorage.removeItem(REFRESH_KEY);
  }

  /** Exchanges the refresh token for new tokens; false (and signed out) when that is refused. */
  async renew(): Promise<boolean> {
    const refreshToken = localStorage.getItem(REFRESH_KEY);
    if (refreshToken) {
      const { data } = await this.request<{ refreshToken: AuthPayload }>(REFRESH, {
        input: { refreshToken },
      });
      if (data?.refreshToken.accessToken) {
        this.store(data.refreshToken);
        return true;
      }
    }
    this.signOut();
    return false;
  }

  /** Runs an operation as the signed-in user, renewing the access token once if it was refused. */
  async run<T>(query: string, variables: object): Promise<GraphQLResponse<T>> {
    const first = await this.request<T>(query, variables, this.accessToken);
    if (!isUnauthenticated(first) || !this.accessToken || !(await this.renew())) return first;
    return this.request<T>(query, variables, this.accessToken);
  }

  private store(payload: AuthPayload): void {
    localStorage.setItem(ACCESS_KEY, payload.accessToken!);
    if (payload.refreshToken) localStorage.setItem(REFRESH_KEY, payload.refreshToken);
  }

  private async request<T>(
    query: string,
    variables: object,
    token?: string | null,
  ): Promise<GraphQLResponse<T>> {
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<T>;
    } catch {
      return { errors: [{ message: 'The server cannot be reached.' }] };
    }
  }
}

function isUnauthenticated(response: GraphQLResponse<unknown>): boolean {
  return response.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
}

/** A fresh idempotency key for one join; works on plain http too, where crypto.randomUUID is missing. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
