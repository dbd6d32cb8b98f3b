/** The back-office token of this tab, and who it belongs to. */
const TOKEN_KEY = 'facegate.token';

export type StaffRole = 'admin' | 'reviewer' | 'operator' | 'auditor';

export function currentToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Logs in through login.do (the PC protocol); resolves with the token or rejects with the server's message. */
export async function logIn(userName: string, password: string): Promise<string> {
  const response = await fetch('/SkyFaceRegister/login.do', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ userName, password }),
  });
  const answer = (await response.json()) as { result_code: number; result_msg: string; result_data?: { accessToken: string } };
  if (answer.result_code !== 0 || !answer.result_data) throw new Error(answer.result_msg);
  sessionStorage.setItem(TOKEN_KEY, answer.result_data.accessToken);
  return answer.result_data.accessToken;
}

/** When the token expires (its `exp` claim), in epoch ms; 0 when unreadable. */
export function expiresAt(token: string): number {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000;
  } catch {
    return 0;
  }
}

/** Sends the user to the login page, remembering where they were so they come back to it. */
export function backToLogin(expired: boolean): void {
  forgetToken();
  const here = window.location.hash.replace(/^#/, '') || '/';
  if (here.startsWith('/login')) return;
  window.location.hash = `#/login?next=${encodeURIComponent(here)}${expired ? '&expired=1' : ''}`;
}
