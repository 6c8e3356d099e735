// Public surface of the PWA layer: service-worker updates and the network indicator.
export { AppUpdate, appUpdate, registerServiceWorker, type BeforeReload } from './update.svelte';
export { NetworkStatus, network } from './network.svelte';
