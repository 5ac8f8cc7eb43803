/** The local emulation of a global spec: regional proxies, an authoritative DNS server, an anycast front. */
export { LocalGlobal, regionAddress, ANYCAST_ADDRESS, type LocalGlobalOptions, type GlobalAnswer } from './local-global';
export { GlobalClient, type GlobalClientOptions, type GlobalResponse } from './client';
export { defaultClients, type SimulatedClient } from './clients';
export { useLocalGlobal } from './jest';
