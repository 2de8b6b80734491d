import assert from 'node:assert/strict';
import { test } from 'node:test';
import { longestChain } from './waves.ts';

const span = (url: string, start: number, answered: number) => ({ url, start, answered });

test('requests sent together are one round trip; a request after an answer is the next', () => {
  const requests = [
    span('document', 0, 50),
    span('module.js', 52, 104), // started on the document's first bytes
    span('config', 110, 160),
    span('quote', 111, 165),
    span('stripe.js', 166, 220),
  ];
  const { roundTrips, chain } = longestChain(requests, 300);
  assert.equal(roundTrips, 4);
  assert.deepEqual(chain.map((r) => r.url), ['document', 'module.js', 'config', 'stripe.js']);
});

test('a request that starts before another answers does not follow it', () => {
  assert.equal(longestChain([span('a', 0, 50), span('b', 49, 99)], 200).roundTrips, 1);
});

test('requests started after the ready moment are not counted', () => {
  assert.equal(longestChain([span('a', 0, 50), span('b', 60, 110), span('late', 400, 450)], 300).roundTrips, 2);
  assert.equal(longestChain([span('a', 0, 50), span('b', 60, 110)], 55).roundTrips, 1);
});

test('a request still unanswered at the ready moment has nothing after it', () => {
  assert.equal(longestChain([span('a', 0, Infinity), span('b', 100, 150)], 200).roundTrips, 1);
  assert.equal(longestChain([], 100).roundTrips, 0);
});
