// The API's base path, shared by URL builders without importing the app.

/** Base path of every API route, as Cloudflare's. */
export const apiBasePath = '/client/v4';
