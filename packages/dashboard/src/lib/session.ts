// The API token the user typed, kept in sessionStorage only (gone when the tab closes, never in the URL).
const KEY = 'portcullis.apiToken';

export function readToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  window.sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  window.sessionStorage.removeItem(KEY);
}
