/** Test keys of the emulator that stands in for api.stripe.com in real mode (stripe.ts). */
export const BENCH_KEYS = { secretKey: 'sk_test_bench_0123456789abcdef', publishableKey: 'pk_test_bench_0123456789abcdef' };
export const BENCH_WEBHOOK_SECRET = `whsec_${Buffer.from('bench webhook secret').toString('base64')}`;
