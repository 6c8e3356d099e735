// Waymark is a static single-page app: everything runs in the browser.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
