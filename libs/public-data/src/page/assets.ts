import { createHash } from 'node:crypto';

/**
 * The public page's stylesheet and script, served by the API itself (no CDN, no build step).
 * Colours meet WCAG AA contrast on white (text #0b0c0c 19:1, links and bars #1d70b8 5.2:1,
 * hints #484949 9:1); the keyboard focus is a yellow band with a dark underline.
 */
const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#0b0c0c;background:#fff}
a{color:#1d70b8;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:3px}
a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid transparent}
a:focus-visible{color:#0b0c0c;background:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
input:focus-visible,select:focus-visible{outline:3px solid #ffdd00;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
button:focus-visible,summary:focus-visible{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}
.skip-link{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c;z-index:10}
.skip-link:focus{left:0}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.site-header{background:#0b0c0c;color:#fff;padding:.75rem 0}
.site-header p{margin:0 auto;max-width:70rem;padding:0 1rem;font-weight:700;font-size:1.125rem}
main{display:block;max-width:70rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 .5rem}
h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 .75rem}
.lede{font-size:1.125rem;max-width:45rem;margin-top:0}
.error-summary{border:5px solid #d4351c;padding:1rem;margin:1rem 0}
.error-summary h2{margin-top:0;font-size:1.25rem}
.error-summary a{color:#d4351c;font-weight:700}
form.filters{background:#f3f2f1;padding:1rem;margin:1rem 0}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:700;margin-bottom:.25rem}
.hint{display:block;color:#484949;margin:0 0 .25rem;font-size:.9375rem}
input[type=search],select{font:inherit;width:100%;min-height:2.5rem;padding:.3rem .5rem;border:2px solid #0b0c0c;border-radius:0;background:#fff;color:#0b0c0c}
.filter-grid{display:grid;grid-template-columns:1fr;gap:0 1rem}
@media (min-width:22em){.filter-grid{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media (min-width:60em){.filter-grid{grid-template-columns:repeat(5,minmax(0,1fr))}}
.actions{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:center}
button{font:inherit;font-weight:700;min-height:2.5rem;padding:.4rem 1.1rem;border:0;border-radius:0;background:#00703c;color:#fff;box-shadow:0 2px 0 #002d18;cursor:pointer}
button:hover{background:#005a30}
button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191;border:1px solid #b1b4b6}
.totals{display:flex;flex-wrap:wrap;gap:1rem;margin:0;padding:0;list-style:none}
.totals li{border-left:5px solid #1d70b8;padding:.25rem .75rem;min-width:12rem}
.totals .figure{display:block;font-size:1.75rem;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.selection{color:#484949;margin:.75rem 0 0}
.status{margin:.5rem 0 0;color:#00703c;font-weight:700}
.status:empty{margin:0}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:700;padding:0 0 .5rem}
th,td{text-align:left;vertical-align:top;padding:.6rem .75rem .6rem 0;border-bottom:1px solid #b1b4b6}
thead th{border-bottom:2px solid #0b0c0c;white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.date{white-space:nowrap}
.award-title{display:block;color:#484949;font-size:.9375rem}
.kind{display:inline-block;font-size:.8125rem;font-weight:700;padding:0 .35rem;margin-left:.25rem;border:1px solid #484949;color:#484949}
th a{color:#1d70b8}
.sort-mark{display:inline-block;width:1em;text-align:center}
@media (max-width:47.99em){
  table.awards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%)}
  table.awards,table.awards tbody,table.awards tr,table.awards td,table.awards caption{display:block;width:100%}
  table.awards tr{border-bottom:2px solid #b1b4b6;padding:.5rem 0}
  table.awards td{border:0;padding:.2rem 0;display:grid;grid-template-columns:7.5rem minmax(0,1fr);gap:.5rem;text-align:left;white-space:normal}
  table.awards td::before{content:attr(data-label);font-weight:700}
}
.pagination ul{display:flex;flex-wrap:wrap;gap:.25rem .5rem;list-style:none;padding:0;margin:1rem 0;align-items:center}
.pagination a,.pagination span{display:inline-block;min-width:2.5rem;padding:.35rem .6rem;text-align:center}
.pagination [aria-current]{font-weight:700;background:#1d70b8;color:#fff}
.charts{display:grid;grid-template-columns:1fr;gap:1rem 2rem}
@media (min-width:60em){.charts{grid-template-columns:repeat(2,minmax(0,1fr))}}
figure{margin:0}
figcaption{font-weight:700;font-size:1.125rem;margin-bottom:.5rem}
svg.chart{display:block;overflow:hidden;font-size:14px}
svg.chart rect{fill:#1d70b8}
svg.chart .bar-label,svg.chart .bar-value{fill:#0b0c0c}
svg.chart .bar-value{font-variant-numeric:tabular-nums}
details{margin:.5rem 0 1rem}
summary{cursor:pointer;color:#1d70b8;text-decoration:underline}
.data-table{margin-top:.5rem}
.downloads li{margin:.35rem 0}
footer{border-top:1px solid #b1b4b6;margin-top:3rem;padding:1rem 0;color:#484949}
footer p{max-width:70rem;margin:0 auto;padding:0 1rem}
`;

/**
 * Progressive enhancement only; the page works without it. Empty and default choices are left out of the URL,
 * the directorate list follows the chosen funder, and "Copy link" copies the shareable address.
 */
const JS = `(function () {
  'use strict';
  var form = document.querySelector('form.filters');
  if (!form) return;
  form.addEventListener('submit', function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && (!el.value || el.value === el.getAttribute('data-default'))) el.disabled = true;
    });
    window.setTimeout(function () {
      Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
    }, 0);
  });
  var funder = form.querySelector('#funder');
  var directorate = form.querySelector('#directorate');
  function followFunder() {
    if (!funder || !directorate) return;
    var chosen = funder.value;
    Array.prototype.forEach.call(directorate.querySelectorAll('optgroup'), function (group) {
      var show = !chosen || group.getAttribute('data-funder') === chosen;
      group.hidden = !show;
      group.disabled = !show;
    });
    var selected = directorate.options[directorate.selectedIndex];
    if (selected && selected.parentNode && selected.parentNode.disabled) directorate.value = '';
  }
  if (funder) funder.addEventListener('change', followFunder);
  followFunder();
  var share = document.getElementById('share');
  var status = document.getElementById('share-status');
  if (share && status && navigator.clipboard) {
    share.hidden = false;
    share.addEventListener('click', function () {
      navigator.clipboard.writeText(window.location.href).then(function () {
        status.textContent = 'Link copied: paste it to share this search.';
      }, function () {
        status.textContent = 'Could not copy: copy the address from the address bar instead.';
      });
    });
  }
})();
`;

const version = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

export type PublicAsset = { path: string; contentType: string; body: string; version: string };

export const PUBLIC_ASSETS: Record<'css' | 'js', PublicAsset> = {
  css: { path: '/assets/public.css', contentType: 'text/css; charset=utf-8', body: CSS.trim() + '\n', version: version(CSS) },
  js: { path: '/assets/public.js', contentType: 'text/javascript; charset=utf-8', body: JS, version: version(JS) },
};

/** The URL a page links to: versioned, so the asset may be cached for a year. */
export const assetUrl = (a: PublicAsset) => `${a.path}?v=${a.version}`;
