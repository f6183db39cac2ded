import type { PublishedGrant } from '@app/open-data';
import { pageHref, renderPublicPage, type PageModel, type PageState } from './public-page.js';

const state: PageState = { q: '', funder: '', directorate: '', year: '', kind: '', sort: '-awardDate', page: 1, pageSize: 25 };
const catalogue = {
  funders: [{ id: 'f1', name: 'Milton Keynes City Council', orgId: 'GB-LAE-MIK' }],
  directorates: [{ id: 'd1', funderId: 'f1', code: 'ASC', name: 'Adult <Social> Care' }],
};
const grant = (over: Partial<PublishedGrant> = {}): PublishedGrant => ({
  id: '360G-x-1',
  title: 'Befriending',
  description: 'd',
  currency: 'GBP',
  amountAwarded: 12500,
  awardDate: '2025-05-01',
  plannedDates: [{ startDate: '2025-06-01', endDate: '2026-05-31' }],
  recipientOrganization: [{ id: 'GB-CHC-1234567', name: '<script>alert(1)</script>' }],
  fundingOrganization: [{ id: 'GB-LAE-MIK', name: 'Milton Keynes City Council', department: 'Adult <Social> Care' }],
  grantProgramme: [{ title: 'Wellbeing & "care"' }],
  ...over,
});

function page(over: Partial<PageModel> = {}) {
  return renderPublicPage({
    state,
    catalogue,
    years: [2025, 2024],
    summary: { count: 2, totalPence: 1300000n, groups: [{ directorateId: 'd1', year: 2025, count: 2, totalPence: 1300000n }] },
    rows: [
      { grant: grant(), amountPence: 1250000n, kind: 'grant' },
      { grant: grant({ recipientOrganization: undefined, recipientIndividual: { id: '360G-x-IND-1', name: 'Individual Recipient' } }), amountPence: 50000n, kind: 'grant' },
    ],
    ...over,
  });
}

describe('the public page', () => {
  it('escapes every piece of data', () => {
    const html = page({ state: { ...state, q: '"><img src=x onerror=alert(2)>' } });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"');
    expect(html).toContain('Adult &lt;Social&gt; Care');
    expect(html).toContain('Wellbeing &amp; &quot;care&quot;');
  });

  it('has a language, a skip link, one h1, labels for every control, and shows money in pounds', () => {
    const html = page();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<a class="skip-link" href="#main">Skip to main content</a>');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    for (const id of ['q', 'funder', 'directorate', 'year', 'kind', 'sort']) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('£12,500.00');
    expect(html).toContain('£13,000.00');
    expect(html).toContain('1 Jun 2025 to 31 May 2026');
    expect(html).toContain('<option value="2025">2025-26</option>');
  });

  it('names an individual only as Individual recipient and links nowhere for them', () => {
    const html = page();
    expect(html).toContain('<td data-label="Recipient"><div>Individual recipient<span');
  });

  it('draws the charts as SVG bars with a text alternative', () => {
    const html = page();
    expect(html).toMatch(/<svg class="chart" id="chart-directorate" role="img" aria-labelledby="chart-directorate-title chart-directorate-desc"/);
    expect(html).toContain('<desc id="chart-year-desc">2025-26: £13,000.00</desc>');
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toContain('<caption>Funding by financial year</caption>');
  });

  it('keeps the state in short shareable URLs', () => {
    expect(pageHref(state)).toBe('/');
    expect(pageHref({ ...state, q: 'play & stay', funder: 'GB-LAE-MIK', year: '2025' }, { page: 2 })).toBe('/?q=play+%26+stay&funder=GB-LAE-MIK&year=2025&page=2');
    expect(pageHref(state, { sort: 'amount' })).toBe('/?sort=amount');
  });
});
