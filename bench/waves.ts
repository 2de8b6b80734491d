/**
 * Serialized round trips: how many requests stood one after another before the Elements mounted.
 *
 * Each request has a start (sent) and an answer (its response headers arrived, or it failed): the
 * first moment anything that depends on it can begin. Request B *follows* A when B started at or
 * after A's answer. The number of round trips is the longest chain A1 → A2 → … → An of requests
 * that each follow the previous one, among the requests started before the ready event.
 *
 * Requests sent together (config and quote in parallel) sit in one step of the chain; a request
 * that needed another's answer (the script a document names, the fetch a script makes) comes one
 * step later. Under a fixed latency per request, each step costs at least that latency, so the
 * chain is the floor of the time to ready that no CPU speed removes. The answer, not the end of
 * the body, is the mark because a parser acts on the first bytes: a document's module script
 * starts before the document has finished arriving.
 */
export interface RequestSpan {
  url: string;
  /** Milliseconds on any one clock. */
  start: number;
  /** When the answer began (or the request failed); Infinity while none came. */
  answered: number;
}

export interface Chain {
  roundTrips: number;
  /** The requests of one longest chain, in order. */
  chain: RequestSpan[];
}

export function longestChain(requests: RequestSpan[], until: number): Chain {
  const spans = requests.filter((r) => r.start < until).sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  const previous: number[] = [];
  spans.forEach((span, i) => {
    depth[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if (spans[j]!.answered <= span.start && depth[j]! + 1 > depth[i]!) {
        depth[i] = depth[j]! + 1;
        previous[i] = j;
      }
    }
  });
  let last = depth.indexOf(Math.max(0, ...depth));
  const chain: RequestSpan[] = [];
  for (; last >= 0; last = previous[last]!) chain.unshift(spans[last]!);
  return { roundTrips: chain.length, chain };
}
