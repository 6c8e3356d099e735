// Public surface of the PWA layer: service-worker updates, the network indicator, install, downloads.
export { AppUpdate, appUpdate, registerServiceWorker, type BeforeReload } from './update.svelte';
export { NetworkStatus, network } from './network.svelte';
export { InstallState, install } from './install.svelte';
export { tarArchive, type TarEntry } from './tar';
export { downloadBytes } from './download';
