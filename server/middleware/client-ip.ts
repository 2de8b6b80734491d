import type { Context } from 'hono';
import proxyaddr from 'proxy-addr';

/**
 * Which proxies in front of us may tell the client's address in X-Forwarded-For (TRUST_PROXY):
 * none (false), every one (true), the nearest N hops, or addresses/CIDRs (`loopback`,
 * `10.0.0.0/8`, ...). The same meaning as Express's `trust proxy`, through its own library.
 */
export type TrustProxy = boolean | number | string[];

/** The peer's address as the runtime sees it (main.ts: the Node socket). */
export type RemoteAddress = (c: Context) => string | undefined;

/** The client's IP address, read through the trusted proxies only; `unknown` when the runtime cannot tell. */
export function clientIpResolver(trustProxy: TrustProxy, remoteAddress: RemoteAddress): (c: Context) => string {
  const trust =
    trustProxy === true ? () => true
    : trustProxy === false ? () => false
    : typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy
    : proxyaddr.compile(trustProxy);
  return (c) => {
    const socketAddress = remoteAddress(c);
    if (!socketAddress) return 'unknown';
    // proxy-addr reads a Node request; these two fields are all it looks at.
    const request = { headers: { 'x-forwarded-for': c.req.header('x-forwarded-for') ?? '' }, socket: { remoteAddress: socketAddress } };
    return proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trust);
  };
}
