import { expect } from '@open-wc/testing';
import { formatAmount, minorUnitsPerMajor } from '../../widget/format.ts';

describe('formatAmount', () => {
  it("divides by Stripe's minor unit: 2-decimal, zero-decimal and 3-decimal currencies", () => {
    expect(formatAmount(2500, 'usd', 'en-US')).to.equal('$25.00');
    expect(formatAmount(500, 'jpy', 'en-US')).to.equal('¥500');
    expect(formatAmount(1230, 'kwd', 'en-US').replace(/\s/u, ' ')).to.equal('KWD 1.230');
    expect(minorUnitsPerMajor('KRW')).to.equal(1);
    expect(minorUnitsPerMajor('EUR')).to.equal(100);
  });
});
